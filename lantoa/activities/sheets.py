"""Read the first sheet of a workbook as rows of plain values, through calamine.

calamine (Rust, the reader pandas offers as `engine="calamine"`) reads the XLSX files Excel,
LibreOffice, WPS and Google Sheets write, old Excel files (.xls) still common in union offices,
and OpenDocument sheets (.ods). For the benchmark's 20,000 rows it takes 0.23 s where the
project's own expat reader took 0.45–0.5 s (docs/benchmarks.md).

Values come as calamine gives them: text, float (whole numbers too), bool, and dates as
`datetime.date`/`datetime.datetime` where the cell is formatted as a date; empty cells and Excel
errors (#N/A) as "". A date typed into a cell formatted as a number stays a serial number, which
the caller turns into a date where it expects one (`serial_to_date`).
"""

import datetime

from python_calamine import CalamineError, CalamineWorkbook

# Day 0 of Excel's serial dates (its default 1900 date system), right from 1 March 1900 on.
_EXCEL_EPOCH = datetime.date(1899, 12, 30)


class WorkbookError(ValueError):
    """The file is not a workbook calamine can read."""


class WorkbookReader:
    def __init__(self, path):
        try:
            self.sheet = CalamineWorkbook.from_path(path).get_sheet_by_index(0)
        except (CalamineError, OSError, IndexError) as error:
            raise WorkbookError(str(error)) from error
        # The rows start at the sheet's first used cell, `start` (row, column from 0).
        self.first_row = self.sheet.start[0] if self.sheet.start else 0

    @property
    def estimated_rows(self):
        return self.first_row + self.sheet.height

    def rows(self):
        """Yield (row number as Excel shows it, tuple of values) for every row with a value."""
        first = self.first_row + 1
        for offset, values in enumerate(self.sheet.to_python(skip_empty_area=True)):
            if values.count("") != len(values):
                yield first + offset, tuple(values)

    @staticmethod
    def serial_to_date(serial):
        return _EXCEL_EPOCH + datetime.timedelta(days=int(serial))

"""Each unit numbers the documents it issues in a year 1, 2, 3…, even when two issue at once."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test import TransactionTestCase

from lantoa.documents.models import OutgoingNumber
from lantoa.documents.services import next_number, number_take
from lantoa.test import Scenario, ScenarioTestCase


class NumberingTestCase(ScenarioTestCase):
    def take(self, unit, year=2018, number=None):
        return number_take(unit=unit, year=year, symbol="KH-LĐLĐ", number=number)

    def test_it_gives_each_unit_its_own_running_number_per_year(self):
        numbers = [
            self.take(self.district_a),
            self.take(self.district_a),
            self.take(self.district_b),
        ]
        numbers.append(self.take(self.district_a, year=2019))
        self.assertEqual(numbers, [1, 2, 1, 1])

    def test_it_takes_a_number_from_the_units_paper_register_and_continues_after_it(self):
        self.assertEqual(self.take(self.province, number=10), 10)
        self.assertEqual(next_number(unit=self.province, year=2018), 11)

    def test_it_refuses_a_number_already_taken_in_vietnamese(self):
        self.take(self.province, number=10)
        with self.assertRaisesMessage(ValidationError, "Số 10 năm 2018 đã được dùng"):
            self.take(self.province, number=10)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time")
class ConcurrentNumberingTestCase(TransactionTestCase):
    def test_it_gives_documents_issued_at_the_same_moment_different_numbers(self):
        Scenario.build(self)
        barrier = threading.Barrier(6)
        numbers, errors = [], []

        def issue():
            try:
                barrier.wait()
                numbers.append(number_take(unit=self.province, year=2018, symbol="KH-LĐLĐ"))
            except Exception as error:  # the test reports any failure of a thread
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=issue) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])
        self.assertEqual(sorted(numbers), [1, 2, 3, 4, 5, 6])
        self.assertEqual(OutgoingNumber.objects.filter(unit=self.province).count(), 6)

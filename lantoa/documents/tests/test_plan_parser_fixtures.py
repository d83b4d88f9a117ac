"""Plans of other issuers, numbering styles and spellings, read field by field."""

from pathlib import Path

from django.test import SimpleTestCase

from lantoa.documents.plan_parser import parse_plan, plan_json

from .bentre import KINDS, UNITS

FIXTURES = Path(__file__).parent / "fixtures"

SECTOR_UNION = {
    "number": "25",
    "symbol": "KH-CĐN",
    "place": "Bến Tre",
    "date": "2019-01-15",
    "doc_type": "KẾ HOẠCH",
    "subject": "Tuyên truyền khởi nghiệp trong đội ngũ nhà giáo, cán bộ quản lý và người lao động "
    "ngành Giáo dục năm 2019",
    "issuer": "CÔNG ĐOÀN NGÀNH GIÁO DỤC",
    "superior": "LĐLĐ TỈNH BẾN TRE",
    "bases": [
        "Căn cứ Kế hoạch số 10/KH-LĐLĐ ngày 02/3/2018 của Ban Thường vụ Liên đoàn Lao động "
        "tỉnh về thực hiện công tác truyền thông khởi nghiệp;",
        "Căn cứ Chương trình công tác năm 2019 của Ban Thường vụ Công đoàn ngành Giáo dục;",
    ],
    "activity_lines": [
        {
            "kind": "dissemination",
            "text": "Phổ biến tài liệu khởi nghiệp qua các buổi sinh hoạt công đoàn, "
            "họp hội đồng sư phạm tại các trường học.",
        },
        {
            "kind": "visual",
            "text": "Treo băng rôn, khẩu hiệu hưởng ứng tại cổng trường và bảng tin "
            "công đoàn của các đơn vị.",
        },
        {
            "kind": "talk",
            "text": "Tổ chức giao lưu, nói chuyện chuyên đề về khởi nghiệp cho giáo "
            "viên trẻ và học sinh cuối cấp.",
        },
        {
            "kind": "media",
            "text": "Đăng tin, bài trên trang thông tin điện tử của Sở Giáo dục và "
            "Đào tạo và nhóm Zalo của công đoàn cơ sở.",
        },
        {
            "kind": "emulation",
            "text": "Phát động phong trào thi đua “Nhà giáo sáng tạo”, biểu dương các "
            "mô hình điển hình trong khởi nghiệp.",
        },
    ],
    "tasks": [
        {
            "text": "Ban Thường vụ Công đoàn ngành phân công đồng chí Phó Chủ tịch phụ trách, "
            "chỉ đạo triển khai kế hoạch.",
            "units": ["Ban Thường vụ Công đoàn ngành"],
        },
        {
            "text": "Công đoàn cơ sở các trường học căn cứ kế hoạch này xây dựng kế hoạch của "
            "đơn vị, báo cáo kết quả về Công đoàn ngành trước ngày 10/12/2019.",
            "units": ["Công đoàn cơ sở", "Công đoàn ngành"],
        },
    ],
    "recipients": [
        {"name": "LĐLĐ tỉnh (b/c)", "unit": 1, "units": [1], "kinds": []},
        {"name": "Sở Giáo dục và Đào tạo (p/h)", "unit": None, "units": [], "kinds": []},
        {"name": "CĐCS trực thuộc (t/h)", "unit": None, "units": [], "kinds": ["grassroots_union"]},
    ],
    "archive": "VT, TG",
    "signer": {"on_behalf": "TM. BAN THƯỜNG VỤ", "title": "CHỦ TỊCH", "name": "Nguyễn Thị Thu Hà"},
    "missing": [],
}

NATIONAL = {
    "number": "1520",
    "symbol": "KH-TLĐ",
    "place": "Hà Nội",
    "date": "2020-02-06",
    "doc_type": "KẾ HOẠCH",
    "subject": "Tuyên truyền, hỗ trợ đoàn viên, người lao động khởi nghiệp giai đoạn 2020 - 2023",
    "issuer": "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM",
    "superior": None,
    "bases": [
        "Thực hiện Chỉ thị số 04/CT-TTg ngày 02/02/2018 của Thủ tướng Chính phủ về hỗ trợ "
        "khởi nghiệp sáng tạo quốc gia đến năm 2025;",
        "Thực hiện Nghị quyết Hội nghị lần thứ 10 Ban Chấp hành Tổng Liên đoàn Lao động "
        "Việt Nam khóa XI;",
    ],
    "activity_lines": [
        {
            "kind": "dissemination",
            "text": "Biên soạn, phát hành tài liệu, sổ tay hỏi - đáp về khởi nghiệp "
            "dành cho công nhân lao động; tổ chức tập huấn cho cán bộ công "
            "đoàn làm công tác tuyên truyền.",
        },
        {
            "kind": "media",
            "text": "Báo Lao Động, Tạp chí Lao động và Công đoàn, Cổng thông tin điện "
            "tử Công đoàn Việt Nam mở chuyên mục “Công nhân khởi nghiệp”.",
        },
        {
            "kind": "visual",
            "text": "Sản xuất pano, áp phích, tranh cổ động về khởi nghiệp, cấp phát "
            "cho các khu công nghiệp, khu chế xuất.",
        },
        {
            "kind": "talk",
            "text": "Tổ chức các diễn đàn, hội thảo, tọa đàm “Công nhân với khởi "
            "nghiệp” tại các vùng kinh tế trọng điểm.",
        },
        {
            "kind": "emulation",
            "text": "Phát động phong trào thi đua “Ý tưởng sáng tạo, khởi nghiệp "
            "thành công” trong công nhân, viên chức, lao động; kịp thời khen "
            "thưởng, nhân rộng các điển hình.",
        },
        {
            "kind": "difficulty",
            "text": "Tổng hợp khó khăn, vướng mắc, kiến nghị của đoàn viên, người lao "
            "động trong quá trình khởi nghiệp để đề xuất với các cơ quan chức "
            "năng tháo gỡ.",
        },
    ],
    "tasks": [
        {
            "text": "Chủ trì, tham mưu Đoàn Chủ tịch Tổng Liên đoàn hướng dẫn, kiểm tra việc "
            "thực hiện Kế hoạch;",
            "units": ["Ban Tuyên giáo Tổng Liên đoàn", "Đoàn Chủ tịch Tổng Liên đoàn"],
        },
        {
            "text": "Định kỳ tổng hợp, báo cáo kết quả thực hiện với Đoàn Chủ tịch.",
            "units": ["Ban Tuyên giáo Tổng Liên đoàn", "Đoàn Chủ tịch"],
        },
        {
            "text": "LĐLĐ các tỉnh, thành phố, công đoàn ngành trung ương: xây dựng kế hoạch "
            "triển khai phù hợp với tình hình thực tế của địa phương, ngành; báo cáo "
            "kết quả về Tổng Liên đoàn (qua Ban Tuyên giáo) trước ngày 15/12 hằng năm.",
            "units": [
                "LĐLĐ các tỉnh, thành phố",
                "công đoàn ngành trung ương",
                "Tổng Liên đoàn",
                "Ban Tuyên giáo",
            ],
        },
    ],
    "recipients": [
        {"name": "Ban Tuyên giáo Trung ương (để b/c)", "unit": None, "units": [], "kinds": []},
        {"name": "Bộ Kế hoạch và Đầu tư", "unit": None, "units": [], "kinds": []},
        {"name": "Các đ/c Ủy viên Đoàn Chủ tịch TLĐ", "unit": None, "units": [], "kinds": []},
        {
            "name": "LĐLĐ các tỉnh, thành phố",
            "unit": None,
            "units": [],
            "kinds": ["provincial_federation"],
        },
        {"name": "CĐ ngành TW, CĐ TCT trực thuộc TLĐ", "unit": None, "units": [], "kinds": []},
    ],
    "archive": "VT, Ban TG",
    "signer": {
        "on_behalf": "TM. ĐOÀN CHỦ TỊCH\nKT. CHỦ TỊCH",
        "title": "PHÓ CHỦ TỊCH",
        "name": "Trần Quang Vinh",
    },
    "missing": ["superior"],
}

DISTRICT = {
    "number": "07",
    "symbol": "KH-LDLD",
    "place": "Giong Trom",
    "date": "2018-03-20",
    "doc_type": "KE HOACH",
    "subject": "Trien khai cong tac truyen thong khoi nghiep trong CNVCLD huyen Giong Trom nam "
    "2018",
    "issuer": "LIEN DOAN LAO DONG HUYEN GIONG TROM",
    "superior": "LIEN DOAN LAO DONG TINH BEN TRE",
    "bases": [
        "Thuc hien Ke hoach so 10/KH-LDLD ngay 02/3/2018 cua Ban Thuong vu LDLD tinh ve "
        "thuc hien cong tac truyen thong khoi nghiep nam 2018, Ban Thuong vu LDLD huyen xay "
        "dung ke hoach trien khai nhu sau:"
    ],
    "activity_lines": [
        {
            "kind": "dissemination",
            "text": "Tuyen truyen, pho bien tai lieu khoi nghiep den cac CDCS trong "
            "cac buoi sinh hoat cong doan.",
        },
        {
            "kind": "visual",
            "text": "Treo bang ron, pano tuyen truyen tai trung tam huyen va cac khu "
            "nha tro cong nhan.",
        },
        {
            "kind": "media",
            "text": "Phoi hop Dai truyen thanh huyen dua tin ve cac hoat dong khoi "
            "nghiep cua doan vien.",
        },
        {
            "kind": "difficulty",
            "text": "Nam bat kho khan, vuong mac cua doan vien khi khoi nghiep de "
            "kien nghi voi UBND huyen.",
        },
    ],
    "tasks": [
        {
            "text": "Ban Tuyen giao LDLD huyen chu tri, theo doi, tong hop ket qua thuc hien.",
            "units": ["Ban Tuyen giao LDLD huyen"],
        },
        {
            "text": "Cac CDCS xay dung ke hoach cu the, bao cao ket qua ve LDLD huyen truoc "
            "ngay 30/11/2018.",
            "units": ["CDCS", "LDLD huyen"],
        },
    ],
    "recipients": [
        {"name": "LDLD tinh (b/c)", "unit": 1, "units": [1], "kinds": []},
        {"name": "Thuong truc Huyen uy (b/c)", "unit": None, "units": [], "kinds": []},
        {"name": "Cac CDCS truc thuoc", "unit": None, "units": [], "kinds": ["grassroots_union"]},
    ],
    "archive": "VT",
    "signer": {"on_behalf": "TM. BAN THUONG VU", "title": "CHU TICH", "name": "Le Van Minh"},
    "missing": [],
}

GRASSROOTS = {
    "number": "03",
    "symbol": "KH-CĐCS",
    "place": "Châu Thành",
    "date": "2019-04-05",
    "doc_type": "KẾ HOẠCH",
    "subject": "Tổ chức các hoạt động tuyên truyền khởi nghiệp cho công nhân năm 2019",
    "issuer": "CÔNG ĐOÀN CƠ SỞ CÔNG TY TNHH CHẾ BIẾN THỦY SẢN TÂN THẠCH",
    "superior": "LĐLĐ HUYỆN CHÂU THÀNH",
    "bases": [
        "Căn cứ Kế hoạch số 12/KH-LĐLĐ ngày 20/3/2019 của Liên đoàn Lao động huyện Châu Thành;",
        "Căn cứ tình hình thực tế của Công ty, Ban Chấp hành Công đoàn cơ sở xây dựng kế "
        "hoạch như sau:",
    ],
    "activity_lines": [
        {
            "kind": "dissemination",
            "text": "Phối hợp với Ban Giám đốc tổ chức 02 buổi tuyên truyền, phổ biến "
            "tài liệu khởi nghiệp vào giờ nghỉ giữa ca.",
        },
        {
            "kind": "visual",
            "text": "Treo 05 băng rôn hưởng ứng tại cổng Công ty và nhà ăn công nhân.",
        },
        {
            "kind": "talk",
            "text": "Tổ chức 01 buổi giao lưu giữa công nhân với các chủ cơ sở đã "
            "khởi nghiệp thành công.",
        },
        {
            "kind": "media",
            "text": "Đưa tin hoạt động lên bản tin nội bộ và trang Facebook của Công đoàn cơ sở.",
        },
        {
            "kind": "emulation",
            "text": "Tổ chức phong trào thi đua phát huy sáng kiến, cải tiến kỹ "
            "thuật; khen thưởng kịp thời các cá nhân có ý tưởng hay.",
        },
    ],
    "tasks": [
        {
            "text": "Chủ tịch Công đoàn cơ sở chịu trách nhiệm chỉ đạo chung.",
            "units": ["Công đoàn cơ sở"],
        },
        {
            "text": "Các tổ công đoàn vận động công nhân tham gia đầy đủ các hoạt động, báo "
            "cáo kết quả về Ban Chấp hành trước ngày 30/6/2019.",
            "units": ["tổ công đoàn", "Ban Chấp hành"],
        },
    ],
    "recipients": [
        {"name": "LĐLĐ huyện Châu Thành (b/c)", "unit": 2, "units": [2], "kinds": []},
        {"name": "Ban Giám đốc Công ty (p/h)", "unit": None, "units": [], "kinds": []},
        {"name": "Các tổ công đoàn", "unit": None, "units": [], "kinds": []},
    ],
    "archive": "VT",
    "signer": {"on_behalf": "TM. BAN CHẤP HÀNH", "title": "CHỦ TỊCH", "name": "Phạm Thị Lan"},
    "missing": [],
}

LETTERED = {
    "number": "12",
    "symbol": "KH-CĐKCN",
    "place": "Châu Thành",
    "date": "2019-05-08",
    "doc_type": "KẾ HOẠCH",
    "subject": "Tuyên truyền khởi nghiệp cho công nhân lao động tại các khu công nghiệp trên địa "
    "bàn tỉnh năm 2019",
    "issuer": "CÔNG ĐOÀN CÁC KHU CÔNG NGHIỆP",
    "superior": "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẾN TRE",
    "bases": [
        "Thực hiện Kế hoạch số 10/KH-LĐLĐ ngày 02/3/2018 của Ban Thường vụ Liên đoàn Lao "
        "động tỉnh về thực hiện công tác truyền thông khởi nghiệp; Ban Thường vụ Công đoàn "
        "các Khu công nghiệp xây dựng kế hoạch tuyên truyền năm 2019 như sau:"
    ],
    "activity_lines": [
        {
            "kind": "dissemination",
            "text": "Phối hợp với doanh nghiệp tổ chức tuyên truyền, phổ biến tài "
            "liệu khởi nghiệp cho công nhân vào giờ nghỉ giữa ca, tập trung "
            "tại Khu công nghiệp Giao Long và An Hiệp.",
        },
        {
            "kind": "visual",
            "text": "Tuyên truyền trực quan bằng pano, áp phích tại cổng các khu công "
            "nghiệp và khu nhà trọ công nhân.",
        },
        {
            "kind": "talk",
            "text": "Tổ chức 02 buổi tọa đàm “Công nhân khởi nghiệp” với sự tham gia "
            "của các doanh nhân trẻ của tỉnh.",
        },
        {
            "kind": "media",
            "text": "Đưa tin về các hoạt động khởi nghiệp của công nhân trên bản tin "
            "Công đoàn và các nhóm Zalo của công đoàn cơ sở.",
        },
        {
            "kind": "emulation",
            "text": "Phát động phong trào thi đua lao động giỏi, lao động sáng tạo "
            "gắn với khởi nghiệp; biểu dương các mô hình điển hình.",
        },
        {
            "kind": "difficulty",
            "text": "Tổ chức đối thoại để nắm bắt khó khăn, vướng mắc, kiến nghị của "
            "công nhân lao động có nhu cầu khởi nghiệp.",
        },
    ],
    "tasks": [
        {
            "text": "Văn phòng Công đoàn các Khu công nghiệp chủ trì, phối hợp với Ban quản lý "
            "các khu công nghiệp tỉnh triển khai kế hoạch.",
            "units": ["Văn phòng Công đoàn các Khu công nghiệp"],
        },
        {
            "text": "Công đoàn cơ sở các doanh nghiệp phối hợp với người sử dụng lao động tạo "
            "điều kiện cho công nhân tham gia; báo cáo kết quả về Công đoàn các Khu "
            "công nghiệp trước ngày 30/11/2019.",
            "units": ["Công đoàn cơ sở các doanh nghiệp", "Công đoàn các Khu công nghiệp"],
        },
    ],
    "recipients": [
        {"name": "Thường trực LĐLĐ tỉnh (b/c)", "unit": 1, "units": [1], "kinds": []},
        {"name": "Ban Quản lý các KCN tỉnh", "unit": None, "units": [], "kinds": []},
        {"name": "CĐCS các doanh nghiệp", "unit": None, "units": [], "kinds": []},
    ],
    "archive": "VT",
    "signer": {"on_behalf": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Võ Thanh Tùng"},
    "missing": [],
}

PROVINCIAL = {
    "number": "45",
    "symbol": "KH-LĐLĐ",
    "place": "Vĩnh Long",
    "date": "2025-07-03",
    "doc_type": "KẾ HOẠCH",
    "subject": "Tuyên truyền kỷ niệm 96 năm Ngày thành lập Công đoàn Việt Nam (28/7/1929 - "
    "28/7/2025)",
    "issuer": "LĐLĐ TỈNH VĨNH LONG",
    "superior": "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM",
    "bases": [
        "Căn cứ Hướng dẫn số 12/HD-TLĐ ngày 01/6/2025 của Tổng Liên đoàn Lao động Việt Nam "
        "về tuyên truyền kỷ niệm 96 năm Ngày thành lập Công đoàn Việt Nam, Ban Thường vụ "
        "Liên đoàn Lao động tỉnh ban hành kế hoạch như sau:"
    ],
    "activity_lines": [
        {"kind": "media", "text": "Phối hợp với Báo Vĩnh Long đăng tin, bài về lịch sử Công đoàn."},
        {
            "kind": "media",
            "text": "Phối hợp Đài PT-TH tỉnh thực hiện phóng sự về đoàn viên tiêu biểu.",
        },
        {"kind": "visual", "text": "Treo băng rôn, cờ tại trụ sở các cấp công đoàn."},
        {"kind": "visual", "text": "Tại cổng các doanh nghiệp có đông công nhân."},
        {"kind": "talk", "text": "Tọa đàm “Công đoàn đồng hành cùng người lao động”."},
        {"kind": None, "text": "Thăm hỏi, tặng quà đoàn viên có hoàn cảnh khó khăn."},
    ],
    "tasks": [
        {"text": "Tham mưu triển khai kế hoạch;", "units": ["Ban Tuyên giáo LĐLĐ tỉnh"]},
        {
            "text": "Phối hợp Văn phòng LĐLĐ tỉnh bố trí kinh phí.",
            "units": ["Ban Tuyên giáo LĐLĐ tỉnh", "Văn phòng LĐLĐ tỉnh"],
        },
        {
            "text": "Công đoàn các xã, phường và CĐCS trực thuộc: xây dựng kế hoạch, báo cáo "
            "kết quả về LĐLĐ tỉnh trước ngày 15/8/2025.",
            "units": ["Công đoàn các xã, phường", "CĐCS", "LĐLĐ tỉnh"],
        },
    ],
    "recipients": [
        {"name": "Tổng LĐLĐ Việt Nam (b/c)", "unit": None, "units": [], "kinds": []},
        {"name": "TT Tỉnh ủy (b/c)", "unit": None, "units": [], "kinds": []},
        {"name": "Công đoàn các xã, phường", "unit": None, "units": [], "kinds": ["commune_union"]},
    ],
    "archive": "VT, TG",
    "signer": {
        "on_behalf": "TM. BAN THƯỜNG VỤ\nKT. CHỦ TỊCH",
        "title": "PHÓ CHỦ TỊCH",
        "name": "Đặng Thị Mỹ Linh",
    },
    "missing": ["activity_lines[5].kind"],
}

HOSPITAL = {
    "number": "15",
    "symbol": "KH-CDCS",
    "place": "Ben Tre",
    "date": "2020-10-09",
    "doc_type": "KE HOACH",
    "subject": "TUYEN TRUYEN KHOI NGHIEP TRONG VIEN CHUC, NGUOI LAO DONG NAM 2020",
    "issuer": "BCH CONG DOAN CO SO BENH VIEN NGUYEN DINH CHIEU",
    "superior": "CONG DOAN NGANH Y TE BEN TRE",
    "bases": [
        "Can cu Ke hoach so 20/KH-CDN ngay 15/9/2020 cua Cong doan nganh Y te;",
        "Can cu tinh hinh thuc te tai don vi;",
    ],
    "activity_lines": [
        {
            "kind": "media",
            "text": "Tuyen truyen tren he thong loa noi bo va trang fanpage cua Benh vien.",
        },
        {"kind": "visual", "text": "Treo khau hieu, bang ron tai khu vuc sanh cho."},
        {"kind": "emulation", "text": "Phat dong thi dua sang kien cai tien ky thuat."},
    ],
    "tasks": [
        {"text": "Ban Chap hanh CDCS chi dao chung.", "units": ["Ban Chap hanh CDCS"]},
        {
            "text": "To cong doan cac khoa, phong trien khai den doan vien.",
            "units": ["To cong doan"],
        },
    ],
    "recipients": [
        {"name": "CD nganh Y te (b/c)", "unit": 6, "units": [6], "kinds": []},
        {"name": "Ban Giam doc (p/h)", "unit": None, "units": [], "kinds": []},
    ],
    "archive": "VT",
    "signer": {"on_behalf": "TM.BAN CHAP HANH", "title": "CHU TICH", "name": "Tran Thi Kim Oanh"},
    "missing": [],
}


def read(name):
    plan = parse_plan((FIXTURES / name).read_text(encoding="utf-8"))
    return plan_json(plan, UNITS, KINDS)


class OtherPlansTestCase(SimpleTestCase):
    maxDiff = None

    def test_it_reads_a_sector_unions_plan_with_side_by_side_columns(self):
        """A sector union's plan; its header and signature block come out of a text conversion
        as two columns side by side."""
        self.assertEqual(read("sector_union_education.txt"), SECTOR_UNION)

    def test_it_reads_a_national_plan_in_markdown_with_sub_numbering(self):
        """The Confederation's plan converted to markdown: a table header, `1.1.` sub-items,
        headings in bold, a signer acting for the chair (`KT.`) on behalf of the Presidium."""
        self.assertEqual(read("national_confederation.md"), NATIONAL)

    def test_it_reads_a_district_plan_without_diacritics_and_with_ocr_spacing(self):
        """A district federation's plan that lost its diacritics, with `So : 07 / KH-LDLD` and
        `K E HOACH`."""
        self.assertEqual(read("district_no_diacritics.txt"), DISTRICT)

    def test_it_reads_a_grassroots_plan_with_a_short_date_and_no_roman_sections(self):
        """A grassroots union's plan dated `ngày 5/4/2019`, one paragraph per line as from Word,
        with numbered sections instead of Roman numerals."""
        self.assertEqual(read("grassroots_short_date.txt"), GRASSROOTS)

    def test_it_reads_a_plan_with_lettered_activities_and_broken_lines(self):
        """The industrial parks union's plan: activities lettered `a)` to `e)` (through `đ)`), lines
        broken by a PDF-to-text conversion, the signer's column beside the recipients."""
        self.assertEqual(read("industrial_parks_lettered.txt"), LETTERED)

    def test_it_reads_a_plan_with_tab_columns_and_sub_bullets_under_headings(self):
        """A provincial federation's plan of 2025 with its columns separated by tabs, `+` items
        under `-` headings whose kind they take, and a line whose kind is honestly unknown."""
        self.assertEqual(read("provincial_tabs_sub_bullets.txt"), PROVINCIAL)

    def test_it_reads_a_grassroots_plan_with_the_subject_on_the_type_line(self):
        """A hospital's grassroots union without diacritics: the subject on the type's line, `*`
        and `+` bullets, `TM.BAN CHAP HANH` without a space, a funding section after the tasks."""
        self.assertEqual(read("hospital_union_no_diacritics.txt"), HOSPITAL)

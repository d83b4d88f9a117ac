"""Recipients and task lines name units of the tree by name, abbreviation or kind."""

from django.test import SimpleTestCase

from lantoa.documents.unit_names import UnitIndex, find_unit_mentions, match_recipient

from .bentre import (
    BEN_TRE_CITY,
    CHAU_THANH,
    EDUCATION,
    GIONG_TROM,
    GRASSROOTS,
    INDUSTRIAL_PARKS,
    KINDS,
    PROVINCE,
    UNITS,
)


class RecipientMatchingTestCase(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.index = UnitIndex(UNITS, KINDS)

    def test_it_matches_a_unit_by_its_short_name_or_full_name_with_or_without_diacritics(self):
        for name in [
            "LĐLĐ huyện Châu Thành (b/c)",
            "Liên đoàn Lao động huyện Châu Thành",
            "LDLD huyen Chau Thanh",
            "LĐLĐ Châu Thành",
        ]:
            self.assertEqual(self.index.match(name).unit, CHAU_THANH.id, name)

    def test_it_matches_the_organ_of_a_unit_to_that_unit(self):
        self.assertEqual(self.index.match("Thường trực LĐLĐ tỉnh").unit, PROVINCE.id)
        self.assertEqual(self.index.match("Ban Thường vụ LĐLĐ tỉnh Bến Tre").unit, PROVINCE.id)

    def test_it_reads_a_plural_name_as_a_group_of_one_kind(self):
        for name in ["LĐLĐ các huyện, thành phố", "LĐLĐ các huyện, thị xã, thành phố"]:
            match = self.index.match(name)
            self.assertEqual((match.unit, match.kinds), (None, ("district_federation",)), name)
        self.assertEqual(
            self.index.match("LĐLĐ các tỉnh, thành phố").kinds, ("provincial_federation",)
        )

    def test_it_reads_kind_abbreviations_as_groups(self):
        match = self.index.match("CĐN, CĐVC, CĐ CKCN")
        self.assertEqual(
            match.kinds, ("sector_union", "civil_servants_union", "industrial_parks_union")
        )
        self.assertEqual(self.index.match("Các CĐCS trực thuộc").kinds, ("grassroots_union",))

    def test_it_matches_several_units_named_on_one_line(self):
        match = self.index.match("LĐLĐ huyện Châu Thành, Giồng Trôm")
        self.assertEqual((match.unit, match.units), (None, (CHAU_THANH.id, GIONG_TROM.id)))

    def test_it_keeps_unknown_bodies_external(self):
        for name in [
            "Hội đồng TVKN và PTDN",
            "Ban Tuyên giáo Tỉnh ủy",
            "Ủy ban Mặt trận tổ quốc tỉnh",
            "Như trên",
            "LĐLĐ huyện Châu Thành, Sở Y tế",
        ]:
            self.assertTrue(self.index.match(name).external, name)

    def test_it_leaves_a_name_that_fits_several_units_unmatched(self):
        self.assertTrue(self.index.match("LĐLĐ huyện").external)

    def test_it_matches_sector_and_grassroots_unions_by_name(self):
        self.assertEqual(self.index.match("CĐ ngành Giáo dục").unit, EDUCATION.id)
        self.assertEqual(
            self.index.match("Công đoàn các KCN tỉnh Bến Tre").unit, INDUSTRIAL_PARKS.id
        )
        self.assertEqual(self.index.match("LĐLĐ TP Bến Tre").unit, BEN_TRE_CITY.id)
        self.assertEqual(
            self.index.match("CĐCS Công ty TNHH Chế biến Thủy sản Tân Thạch (để t/h)").unit,
            GRASSROOTS.id,
        )

    def test_it_matches_without_known_units_as_external(self):
        self.assertTrue(match_recipient("LĐLĐ tỉnh").external)


class UnitMentionTestCase(SimpleTestCase):
    def test_it_finds_the_units_and_organs_a_task_names(self):
        self.assertEqual(
            find_unit_mentions(
                "LĐLĐ các huyện, thành phố, CĐN, CĐVC, CĐ CKCN xây dựng kế hoạch, báo cáo về "
                "Ban Tuyên giáo LĐLĐ tỉnh."
            ),
            ["LĐLĐ các huyện, thành phố", "CĐN", "CĐVC", "CĐ CKCN", "Ban Tuyên giáo LĐLĐ tỉnh"],
        )

    def test_it_extends_a_mention_over_a_proper_name(self):
        self.assertEqual(
            find_unit_mentions("Công đoàn ngành Giáo dục phối hợp LĐLĐ huyện Châu Thành tổ chức"),
            ["Công đoàn ngành Giáo dục", "LĐLĐ huyện Châu Thành"],
        )

    def test_it_leaves_out_party_organs_and_the_union_as_a_whole(self):
        self.assertEqual(
            find_unit_mentions(
                "Ban Tuyên giáo Tỉnh ủy chỉ đạo; tuyên truyền trong tổ chức Công đoàn"
            ),
            [],
        )

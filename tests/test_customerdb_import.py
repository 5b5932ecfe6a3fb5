"""Importing sheets of collected contacts: per-row report, one transaction, fix-and-reimport."""
from __future__ import annotations

import pandas as pd
import pytest

from labkit.customerdb import CustomerDB
from labkit.customerdb.importing import import_contacts, read_sheet
from labkit.errors import UsageError
from tests.customer_records import numbered


def _sheet() -> pd.DataFrame:
    rows = [numbered(1), numbered(2, phone="12345"), numbered(3), numbered(4, city="广州市", email="bad@"),
            numbered(5, phone=numbered(1)["phone"]), numbered(6, tags="vip, 2025")]
    return pd.DataFrame(rows).astype(str).replace("None", "")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_fix_the_refused_file_and_import_it_again(tmp_path, suffix) -> None:
    path = tmp_path / f"collected{suffix}"
    sheet = _sheet()
    sheet.to_csv(path, index=False) if suffix == ".csv" else sheet.to_excel(path, index=False)
    db = CustomerDB(tmp_path / "group.db")
    report = import_contacts(db, path)
    assert sorted(report.imported) == [2, 4, 7]  # sheet rows (header is row 1)
    assert db.count() == 3
    assert set(map(tuple, report.problems[["row", "field"]].values)) == {
        (3, "phone"), (5, "city"), (5, "email"), (6, "phone")}
    assert "already belongs to customer" in report.problems.query("row == 6").reason.iloc[0]
    assert "3 rows imported, 3 refused" in str(report)

    refused = read_sheet(report.refused_file)
    assert list(refused.columns) == list(sheet.columns) + ["reason"]
    assert list(refused.company) == ["测试公司2", "测试公司4", "测试公司5"]
    # the student corrects the rows in the refused file (the reason column stays) ...
    refused.loc[refused.company == "测试公司2", "phone"] = "13900000002"
    refused.loc[refused.company == "测试公司4", ["city", "email"]] = ["宁波市", "c4@example.cn"]
    refused.loc[refused.company == "测试公司5", "phone"] = "13900000005"
    fixed = tmp_path / f"fixed{suffix}"
    refused.to_csv(fixed, index=False) if suffix == ".csv" else refused.to_excel(fixed, index=False)
    again = import_contacts(db, fixed)
    assert again.problems.empty and again.refused_file is None
    assert db.count() == 6
    assert set(db.search()["company"]) == {f"测试公司{i}" for i in range(1, 7)}
    assert db.get(again.imported[3])["city"] == "宁波市"


def test_chinese_headers_are_understood(tmp_path) -> None:
    path = tmp_path / "中文表头.csv"
    pd.DataFrame([{"公司名称": "宁波进出口公司", "姓名": "李雷", "电话": "13900000001", "客户角色": "采购商",
                   "国家/地区": "CN", "省份/州": "浙江省", "城市": "宁波市", "行业": "礼品玩具"}]).to_csv(path, index=False)
    db = CustomerDB(tmp_path / "g.db")
    report = import_contacts(db, path)
    assert report.problems.empty
    got = db.get(report.imported[2])
    assert (got["role"], got["industry"], got["phone"]) == ("buyer", "gifts_toys", "+8613900000001")


def test_unknown_column_stops_the_import_before_writing(tmp_path) -> None:
    path = tmp_path / "typo.csv"
    pd.DataFrame([numbered(1)]).rename(columns={"email": "e-mail"}).to_csv(path, index=False)
    db = CustomerDB(tmp_path / "g.db")
    with pytest.raises(UsageError, match="e-mail"):
        import_contacts(db, path)
    assert db.count() == 0


def test_a_file_that_is_not_utf8_gets_a_clear_message(tmp_path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes("company,contact\n展会公司,王芳\n".encode("gbk"))
    with pytest.raises(UsageError, match="CSV UTF-8"):
        read_sheet(path)

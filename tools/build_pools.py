"""Build the name pools labkit/data/locales/<locale>/names.json from Faker, once per locale (姓名/公司名词库).

Run ``python tools/build_pools.py`` after changing this file; the generator only reads the
JSON it writes, so worlds do not drift when Faker releases change its word lists.
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

from faker import Faker

OUT = Path(__file__).resolve().parents[1] / "labkit" / "data" / "locales"
SEED = 20240415
N_STEMS, N_STREETS, N_GIVEN = 3000, 1500, 1500

# Industry words and legal forms: curated (Faker has no per-industry company vocabulary).
INDUSTRY_WORDS: dict[str, dict[str, list[str]]] = {
    "zh_CN": {
        "electronics": ["电子", "电器", "光电", "智能科技"], "machinery": ["机械", "机电", "重工", "自动化设备"],
        "hardware_tools": ["五金", "工具", "五金制品"], "building_materials": ["建材", "陶瓷", "石材", "新型材料"],
        "furniture_home": ["家具", "家居用品", "木业"], "textiles_apparel": ["纺织", "服饰", "制衣", "针织"],
        "gifts_toys": ["礼品", "玩具", "工艺品"], "food_agriculture": ["食品", "农产品", "茶业"],
        "health_medical": ["医疗器械", "生物科技", "医药"], "auto_parts": ["汽车配件", "汽配", "车业"],
        "chemicals": ["化工", "新材料", "塑胶"], "consumer_goods": ["日用品", "家庭用品", "商贸"],
    },
    "en_US": {
        "electronics": ["Electronics", "Electric", "Digital"], "machinery": ["Machinery", "Industrial", "Equipment"],
        "hardware_tools": ["Hardware", "Tools", "Tool Works"], "building_materials": ["Building Supply", "Stone", "Materials"],
        "furniture_home": ["Furniture", "Home", "Interiors"], "textiles_apparel": ["Textiles", "Apparel", "Fashion"],
        "gifts_toys": ["Gifts", "Toys", "Novelty"], "food_agriculture": ["Foods", "Farms", "Provisions"],
        "health_medical": ["Medical", "Health", "Life Sciences"], "auto_parts": ["Auto Parts", "Automotive", "Motor Supply"],
        "chemicals": ["Chemicals", "Polymers", "Coatings"], "consumer_goods": ["Consumer Products", "Brands", "Trading"],
    },
    "ko_KR": {
        "electronics": ["전자", "전기", "디지털"], "machinery": ["기계", "중공업", "정밀"],
        "hardware_tools": ["공구", "철물"], "building_materials": ["건자재", "세라믹", "석재"],
        "furniture_home": ["가구", "리빙"], "textiles_apparel": ["섬유", "어패럴", "패션"],
        "gifts_toys": ["완구", "기프트"], "food_agriculture": ["식품", "푸드", "농산"],
        "health_medical": ["메디칼", "바이오", "헬스케어"], "auto_parts": ["오토텍", "자동차부품", "모터스"],
        "chemicals": ["화학", "케미칼", "소재"], "consumer_goods": ["생활용품", "상사", "유통"],
    },
}
PRODUCTS: dict[str, dict[str, list[str]]] = {
    "zh_CN": {
        "electronics": ["蓝牙耳机", "LED灯具", "充电器", "智能手表", "小家电"], "machinery": ["数控机床", "包装机械", "水泵", "空压机"],
        "hardware_tools": ["手动工具", "电动工具", "锁具", "紧固件"], "building_materials": ["瓷砖", "卫浴洁具", "门窗", "地板"],
        "furniture_home": ["办公家具", "沙发", "床垫", "厨房用品"], "textiles_apparel": ["男装", "女装", "面料", "家纺"],
        "gifts_toys": ["毛绒玩具", "节日用品", "工艺礼品", "益智玩具"], "food_agriculture": ["茶叶", "干果", "调味品", "冷冻食品"],
        "health_medical": ["口罩", "医用耗材", "保健品", "康复器材"], "auto_parts": ["刹车片", "轮毂", "汽车灯", "滤清器"],
        "chemicals": ["涂料", "塑料原料", "胶粘剂", "染料"], "consumer_goods": ["洗护用品", "文具", "箱包", "日用陶瓷"],
    },
    "en_US": {
        "electronics": ["headphones", "LED lighting", "chargers", "smart watches", "small appliances"],
        "machinery": ["CNC machines", "packaging machinery", "pumps", "compressors"],
        "hardware_tools": ["hand tools", "power tools", "locks", "fasteners"],
        "building_materials": ["tiles", "sanitary ware", "windows and doors", "flooring"],
        "furniture_home": ["office furniture", "sofas", "mattresses", "kitchenware"],
        "textiles_apparel": ["menswear", "womenswear", "fabrics", "home textiles"],
        "gifts_toys": ["plush toys", "seasonal decorations", "craft gifts", "educational toys"],
        "food_agriculture": ["tea", "nuts", "condiments", "frozen food"],
        "health_medical": ["face masks", "medical consumables", "supplements", "rehabilitation devices"],
        "auto_parts": ["brake pads", "wheels", "auto lamps", "filters"],
        "chemicals": ["paints", "plastic resins", "adhesives", "dyes"],
        "consumer_goods": ["personal care", "stationery", "bags and luggage", "tableware"],
    },
    "ko_KR": {
        "electronics": ["블루투스 이어폰", "LED 조명", "충전기", "스마트워치"], "machinery": ["CNC 공작기계", "포장기계", "펌프", "압축기"],
        "hardware_tools": ["수공구", "전동공구", "잠금장치", "체결부품"], "building_materials": ["타일", "위생도기", "창호", "바닥재"],
        "furniture_home": ["사무용 가구", "소파", "매트리스", "주방용품"], "textiles_apparel": ["남성복", "여성복", "원단", "홈텍스타일"],
        "gifts_toys": ["봉제인형", "시즌 장식", "공예 선물", "교육용 완구"], "food_agriculture": ["차", "견과류", "조미료", "냉동식품"],
        "health_medical": ["마스크", "의료 소모품", "건강기능식품", "재활기기"], "auto_parts": ["브레이크 패드", "휠", "자동차 램프", "필터"],
        "chemicals": ["도료", "플라스틱 원료", "접착제", "염료"], "consumer_goods": ["생활용품", "문구", "가방", "식기"],
    },
}
LEGAL_FORMS: dict[str, list[str]] = {
    "zh_CN": ["有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司"],
    "en_US": ["Inc.", "Inc.", "LLC", "LLC", "Co.", "Corp.", "Co., Ltd."],
    "ko_KR": ["주식회사", "주식회사", "(주)", "유한회사"],
}
TITLES: dict[str, list[str]] = {
    "zh_CN": ["总经理", "副总经理", "采购经理", "销售经理", "市场部经理", "外贸经理", "采购主管", "业务员", "总监", "董事长"],
    "en_US": ["CEO", "President", "Purchasing Manager", "Sales Manager", "Marketing Director", "Buyer",
              "Sourcing Manager", "Export Manager", "Owner", "Vice President"],
    "ko_KR": ["대표이사", "부사장", "구매팀장", "영업부장", "마케팅팀장", "해외영업 과장", "구매 담당", "대리", "이사", "사원"],
}
# keywords that make a Faker job title plausible for a trade-fair contact
TITLE_KEYWORDS = {"zh_CN": "经理|主管|总监|专员|采购|销售|市场|外贸|业务", "en_US": "manager|director|buyer|sales|purchas|executive",
                  "ko_KR": "관리자|영업|구매|판매|마케팅|사무|경영|무역"}


def _unique(draw, n: int, tries: int = 40) -> list[str]:
    seen: dict[str, None] = {}
    for _ in range(n * tries):
        seen.setdefault(draw(), None)
        if len(seen) >= n:
            break
    return sorted(seen)


SCRIPT_RANGES = {"zh_CN": ("\u4e00", "\u9fff"), "ko_KR": ("\uac00", "\ud7a3")}


def _chars(words: object, locale: str = "zh_CN") -> list[str]:
    """The Han characters (or Hangul syllables) used in ``words``."""
    lo, hi = SCRIPT_RANGES[locale]
    return sorted({ch for w in words for ch in w if lo <= ch <= hi})


def _zh_stems(fake: Faker) -> list[str]:
    """Two-character trade names (字号) from the characters of Faker's company prefixes."""
    chars = _chars(fake.provider("faker.providers.company").company_prefixes)
    rnd = random.Random(SEED)
    return _unique(lambda: rnd.choice(chars) + rnd.choice(chars), N_STEMS)


def _en_stems(fake: Faker) -> list[str]:
    suffix = re.compile(r",? (Inc|LLC|Ltd|PLC|Group|and Sons)$")
    return _unique(lambda: suffix.sub("", fake.company()), N_STEMS)


def _ko_stems(fake: Faker) -> list[str]:
    """Brand words and pairs of them (가온모두 …), without legal form or business suffix."""
    words = list(fake.provider("faker.providers.company").company_name_words)
    rnd = random.Random(SEED)
    return _unique(lambda: rnd.choice(words) + (rnd.choice(words) if rnd.random() < 0.9 else ""), N_STEMS, tries=3)


def _ko_streets(fake: Faker) -> list[str]:
    """Road names as in Korean road addresses: 논현로, 도산대로, 논현로12길."""
    roads = list(fake.provider("faker.providers.address").road_names)
    rnd = random.Random(SEED)
    return _unique(lambda: rnd.choice(roads) + rnd.choice(["로", "대로", f"로{rnd.randint(1, 60)}길"]), N_STREETS, tries=3)


def _given_names(fake: Faker, locale: str) -> list[str]:
    """Given names; Chinese and Korean ones extended with two-syllable names from Faker's syllables."""
    names = _unique(fake.first_name, N_GIVEN, tries=5)
    if locale not in SCRIPT_RANGES:
        return names
    chars = _chars(fake.provider("faker.providers.person").first_names, locale)
    rnd = random.Random(SEED)
    return sorted(set(names) | set(_unique(lambda: rnd.choice(chars) + rnd.choice(chars), N_GIVEN)))


def _persons(fake: Faker, locale: str) -> dict[str, object]:
    person = fake.provider("faker.providers.person")
    last = person.last_names
    if isinstance(last, dict):
        surnames, weights = list(last), [float(w) for w in last.values()]
    else:
        surnames = sorted(set(last))
        weights = [1.0] * len(surnames)
    return {
        "surnames": surnames, "surname_weights": weights,
        "given_names": _given_names(fake, locale),
    }


def _titles(fake: Faker, locale: str) -> list[str]:
    keep = re.compile(TITLE_KEYWORDS[locale], re.IGNORECASE)
    jobs = [j for j in fake.provider("faker.providers.job").jobs if keep.search(j)]
    return sorted(set(jobs))


def build(locale: str) -> dict[str, object]:
    fake = Faker(locale)
    fake.seed_instance(SEED)
    stems = {"zh_CN": _zh_stems, "en_US": _en_stems, "ko_KR": _ko_stems}[locale](fake)
    streets = _ko_streets(fake) if locale == "ko_KR" else _unique(fake.street_name, N_STREETS)
    return {
        "locale": locale, "source": f"Faker (seed {SEED}) and curated lists in tools/build_pools.py",
        **_persons(fake, locale), "company_stems": stems, "streets": streets,
        "legal_forms": LEGAL_FORMS[locale], "industry_words": INDUSTRY_WORDS[locale], "products": PRODUCTS[locale],
        "core_titles": TITLES[locale], "titles": _titles(fake, locale),
    }


def main() -> None:
    for locale in ("zh_CN", "en_US", "ko_KR"):  # the locales this file has curated word lists for
        pool = build(locale)
        (OUT / locale).mkdir(parents=True, exist_ok=True)
        (OUT / locale / "names.json").write_text(json.dumps(pool, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        sizes = {k: len(v) for k, v in pool.items() if isinstance(v, list | dict)}
        print(locale, sizes)


if __name__ == "__main__":
    main()

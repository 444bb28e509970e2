"""East Slavic given names: the Russian, Ukrainian and Belarusian form of each name, and its gender.

The forms of one name in the three languages are not transliteration variants of each other
(Владимир / Володимир / Уладзімір, Николай / Микола / Мікалай, Елена / Олена / Алена), so rules
alone cannot join them; this table does. It is written from the languages' own name stocks, in
Cyrillic: every romanisation system is then covered by :func:`storyweave.names.translit.latin`,
which romanises the table the same way as the text. A few conventional English and Polish
spellings that no romanisation produces (Alexander, Piotr) are listed in Latin.
"""

from __future__ import annotations

from functools import lru_cache

from storyweave.names.translit import latin, phonetic

__all__ = ["GIVEN_NAMES", "given_class", "given_gender"]

#: One line per name: gender, then its forms (Russian, Ukrainian, Belarusian, Latin conventions).
GIVEN_NAMES = """
m Александр Олександр Аляксандр Alexander Alexandre Aleksander
m Алексей Олексій Аляксей Alexei Alexey
m Анатолий Анатолій Анатоль
m Андрей Андрій Андрэй Andrzej Andrej
m Антон
m Аркадий Аркадій Аркадзь
m Артём Артем Арцём
m Борис Барыс
m Богдан Багдан
m Вадим Вадзім
m Валентин Валянцін
m Валерий Валерій Валерый
m Василий Василь Васіль Wasyl
m Виктор Віктор Віктар
m Виталий Віталій Віталь
m Владимир Володимир Уладзімір Włodzimierz Wladimir
m Владислав Уладзіслаў
m Вячеслав В'ячеслав Вячаслаў
m Геннадий Геннадій Генадзь
m Георгий Георгій
m Григорий Григорій Рыгор
m Денис Дзяніс
m Дмитрий Дмитро Дзмітрый Зміцер Dmitri
m Евгений Євген Яўген Jewgeni
m Иван Іван
m Игорь Ігор Ігар
m Илья Ілля
m Кирилл Кирило Кірыл
m Константин Костянтин Канстанцін
m Леонид Леонід Леанід
m Максим Максім
m Михаил Михайло Міхаіл Michał
m Никита Микита Мікіта
m Николай Микола Мікалай Mikołaj
m Олег Алег
m Павел Павло Павал Paweł
m Пётр Петро Пятро Piotr Petr
m Роман Раман
m Руслан
m Семён Семен Сямён
m Сергей Сергій Сяргей
m Станислав Станіслав Станіслаў
m Степан Сцяпан
m Тарас
m Тимур
m Фёдор Федір Фёдар
m Юрий Юрій Юрый
m Яков Яків Якаў
m Ярослав Яраслаў
m Эдуард Едуард
f Александра Олександра Аляксандра
f Алла
f Анастасия Анастасія Настасся
f Анна Ганна
f Валентина Валянціна
f Вера Віра
f Вероника Вероніка Веранiка
f Виктория Вікторія Вікторыя
f Галина Галіна
f Дарья Дар'я Дар'я
f Евгения Євгенія Яўгенія
f Екатерина Катерина Кацярына
f Елена Олена Алена Helena
f Елизавета Єлизавета Лізавета
f Ирина Ірина Ірына
f Ксения Ксенія
f Любовь Любов Любоў
f Людмила Людміла
f Мария Марія Марыя
f Марина Марына
f Надежда Надія Надзея
f Наталья Наталія Наталля
f Нина
f Оксана Аксана
f Ольга Вольга
f Полина Поліна Паліна
f Светлана Світлана Святлана
f Софья Софія Сафія
f Тамара
f Татьяна Тетяна Таццяна
f Юлия Юлія
"""


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, int], tuple[str, ...]]:
    by_key: dict[str, int] = {}
    genders: list[str] = []
    for line in GIVEN_NAMES.strip().splitlines():
        gender, *forms = line.split()
        idx = len(genders)
        genders.append(gender)
        for form in forms:
            by_key.setdefault(phonetic(latin(form)), idx)
    return by_key, tuple(genders)


def given_class(phon: str) -> int | None:
    """The table line of a given name (by its phonetic form), or None when the name is not listed."""
    return _table()[0].get(phon)


def given_gender(phon: str) -> tuple[str | None, bool]:
    """``(gender, strong)``: from the table when the name is listed (strong), else from a final -a,
    which marks women's names in the Slavic languages and in most European ones (weak)."""
    cls = given_class(phon)
    if cls is not None:
        return _table()[1][cls], True
    if len(phon) > 2 and phon.endswith("a"):
        return "f", False
    return None, False

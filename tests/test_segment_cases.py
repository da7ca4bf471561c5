"""Hand-written segmentation cases of the kinds the dev sets lack.

Every case below was written by us for paralign: none is taken from a corpus, a dev set or
a held-out set (the sentences are invented; the names in references are common ones). They
cover bibliographic references, numbered lists run into a paragraph, abbreviations before
names, postscripts, quotations and dialogue in fiction, forum text and news headlines. One
case a string, razdel's notation: `|` marks each break, the whitespace beside it belongs to
no sentence.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paralign.segment import segment_spans

BIBLIOGRAPHY_RU = [
    # a reference is one segment: its fields (title, imprint, year, volume, pages) are not
    # sentences, whatever capital or number opens them
    "Иванов И. И. Русский синтаксис. М.: Наука, 1985. С. 97–102.| Эта книга устарела.",
    "Петров П. П. Очерки морфологии. — СПб.: Питер, 2001. — 320 с.",
    "Смирнова А. В. О порядке слов // Вопросы языкознания. 1998. № 3. С. 12–20.",
    "Сидоров С. С. Избранное. Т. 2. М., 1975. С. 45.| Второй том интереснее.",
    "Подробнее см.: Кузнецов К. К. Лексикология. Изд. 2-е. Л.: Изд-во ЛГУ, 1979. Гл. 5.",
    "Орлов О. О. Диалекты Севера. Вып. 3. Ч. 1. Архангельск, 2010.",
    "Там же. С. 15.| Ср. с его же статьёй 1990 г.",
    "Esposito L. W. et al. Saturn's rings // J. Geophys. Res. 1984. Vol. 89. P. 123–130.",
    "Об этом писал Larry W. Esposito в обзоре для Geophys. Res. Lett. в 1984 году.",
    "Данные взяты из работы (Smith J., Brown K. Phys. Rev. Lett. 2001. Vol. 86. P. 5).",
    "Сборник вышел под ред. И. И. Иванова.| Тираж 500 экз.",
    "Эти данные приведены в статье Jones R. (Ed.) The Atlas. Oxford: Clarendon Press, 1990.",
    "Список литературы обновлён.| Иванов И. И. Лексика. М.: Наука, 1990. С. 5.",
]
LISTS_RU = [
    # the numbers of a list run into a paragraph introduce items: never a break after the
    # number, and a break between one item and the next
    "Крупнейшие страны: 1. Китай (1,4 млрд)| 2. Индия (1,3 млрд)| 3. США (330 млн).",
    "По итогам года: 5. Бразилия (192 млн)| 6. Пакистан (165 млн)| 7. Нигерия (150 млн)",
    "Порядок действий: 1. Откройте меню| 2. Выберите пункт «Настройки»| 3. Нажмите «ОК».",
    "1. Введение",
    "Первое.| 2. Второе предложение списка.| 3. Третье.",
    "Нужно купить: 1) хлеб;| 2) молоко;| 3) сыр.",
    "Ему было 15.| Он уехал в Москву.",
    "Счёт стал 2:1.| Болельщики ликовали.",
    "План: а) подготовка, б) выполнение.",
]
ABBREVIATIONS_RU = [
    # classes of abbreviations that stand before a name or a number: a title or rank, a kind
    # of place, a reference word; also with a capital (at the start of a sentence) and
    # glued to the name without a space
    "Он работал на ОАО «Завод им. Зверева» в Красногорске.",
    "Он работал на ОАО «Завод им.Зверева» в Красногорске.",
    "Он живёт в г.Москве на ул.Ленина, д.5.",
    "Дом на пр. Мира снесли.| Жильцов переселили.",
    "Лейт. Петров доложил о происшествии.",
    "Проф. Иванов и доц. Сидорова прочли лекцию.",
    "Ул. Садовая закрыта на ремонт.| Объезд по пер. Тихому.",
    "Согласно ч. 2 ст. 5 закона это запрещено.",
    "Вокзал на ст. Москва-Товарная закрыт.",
    "Он окончил МГУ им. М. В. Ломоносова.| Потом уехал.",
    "Музей им. А. С. Пушкина открыт до 20 ч.",
    "Обратитесь к зав. кафедрой Иванову или к зам. декана.",
    "Родился в с. Покровском.| Учился в Москве.",
    "Засл. арт. РФ Петров выступил первым.",
    "В ст. 12 Конституции сказано иначе (см. рис. 3).",
]
POSTSCRIPTS_RU = [
    # a postscript marker opens its sentence: no break after it
    "Спасибо всем.| З.Ы. Фото будут завтра.",
    "Спасибо всем.| З. Ы. Фото будут завтра.",
    "Всем пока!| P.S. Пишите в личку.",
    "До встречи.| ЗЫ. Не забудьте зонтики.",
    "Жду ответа.| P.P.S. И ещё одно.",
]
QUOTES_RU = [
    # a sentence that ends inside quotes (… ! ? . before the closing mark) ends at the mark
    # when a capital follows; a lower-case word or a dash continues it
    "Он сказал: «…ничего не надо…»| В романе это главная мысль.",
    "Он повторял: «ничего не надо...»| Все молчали.",
    "Он повторял: “ничего не надо…”| Все молчали.",
    "Он сказал «Хватит!»| Все замолчали.",
    "Он сказал «Хватит!» и вышел.",
    "Она прошептала: «Уйди…» — и отвернулась.",
    "Название «Что делать?» придумал автор.",
    "Эпиграф: «Всё проходит…» (Соломон).| Дальше текст.",
    "Он написал: «Я вернусь».| Но не вернулся.",
]
DIALOGUE_RU = [
    # the reporting clause after a dash belongs to the quote; a new line of speech after the
    # reporting clause is a new sentence
    "— Пойдём, — сказал он.| — Пора.",
    "— Пойдём! — сказал он.",
    "— Куда? — спросила она.| — Уже поздно.",
    "— Ну… — протянул он.| — Не знаю.",
    "— Тише… — прошептала она.",
    "— Стой! — крикнул Петя.| — Куда ты?",
    "— Пойдём, — сказал он и добавил: — Пора.",
    "«Пойдём», — сказал он.",
    "«Куда?» — спросила она.| Он не ответил.",
    "— Да?! — воскликнула Маша.| — Не может быть!",
    "-- Пойдём, -- сказал он.| -- Пора.",
    "— Я тебя ждал... — тихо сказал он.",
]
FORUM_RU = [
    # web text: emoticons, runs of punctuation, lower-case starts, missing spaces
    "Купил вчера телефон :)| Работает отлично!!!| Рекомендую.",
    "Кто знает, где найти драйвер???| Спасибо заранее.",
    "Не работает(((| Что делать?",
    "Всем привет!|Подскажите, как настроить роутер.",
    "Сделал всё по инструкции.|Ничего не помогло.",
    "ИМХО, лучше подождать.| Цены упадут.",
    "Ссылка: https://example.org/forum/t.123.html.| Смотрите там.",
    "Ответ в теме выше...| Читайте внимательнее.",
]
NEWS_RU = [
    # a headline without a final stop before the text: a capitalised function word after a
    # word with no stop between them opens a sentence
    "Путин посетил Казань| Сегодня президент встретился с рабочими.",
    "Матчи в группе В пройдут завтра.",
    "Выборы в Госдуму| По данным ЦИК, явка превысила 40 %.",
    "Курс рубля вырос| На торгах в понедельник доллар подешевел.",
    "Он прочёл роман «На дне» и пьесу «Как важно быть серьёзным».",
    "Цена выросла в 1,5 раза.| В 2023 г. рост продолжился.",
    "В 1992 г. Турция предложила идею.| Её поддержали не все.",
    "Министр заявил, что т. н. реформа провалилась, т. е. всё осталось как было.",
    "Инфляция составила 7,4 % в годовом выражении.| Это на 0,5 п. п. выше прогноза.",
]

# The second round of issue 15: more cases of each kind, also written by us (invented
# sentences; the names in references are common ones), each checked by hand.
LISTS_RU_MORE = [
    "Рейтинг стран: 4. Индонезия (270 млн)| 5. Бразилия (212 млн)| 6. Пакистан (220 млн)",
    "Лучшие фильмы года: 1. «Дюна»| 2. «Оппенгеймер»| 3. «Барби».",
    "Итоги гонки: 1. Петров (Россия)| 2. Мюллер (Германия)| 3. Сато (Япония).| Петров доволен.",
    "Призёры: 8. Швеция| 9. Норвегия| 10. Финляндия",
    "В таблице: 11. Казань (1,3 млн)| 12. Челябинск (1,2 млн)| 13. Омск (1,1 млн)",
    "Нужно купить: 1. хлеб; 2. молоко; 3. сыр.",
    # numbering in order, past twenty too
    "Рейтинг: 21. Мексика (126 млн)| 22. Египет (102 млн)| 23. Вьетнам (97 млн)",
    "Места: 19. Турция| 20. Иран| 21. Германия| 22. Таиланд",
    "Ему было 45.| Он уехал в 47.| Вернулся в 50.",
    "Правила: 1. Не шуметь.| 2. Не курить.| 3. Убирать за собой.",
    "Состав команды: 1. вратарь Акинфеев 2. защитник Игнашевич 3. полузащитник Жирков",
    "См. п. 3.| Там всё написано.",
    "Их было 5.| Все вернулись.",
]
ABBREVIATIONS_RU_MORE = [
    "Он учился в школе им. Гагарина.| Потом поступил в институт.",
    "Концерт прошёл в КЗ им. П. И. Чайковского.",
    "Она работает в НИИ им. акад. Павлова.",
    "Письмо подписал ген. дир. Петров.",
    "Мы приехали в пос. Солнечный.| Там было тихо.",
    "В спектакле играл нар. арт. СССР Смоктуновский.",
    "Ему помог Дж. Р. Р. Толкин.",
    "В работе J. R. R. Tolkien описан язык эльфов.",
    "Адрес: ул. Мира, д. 5, к. 2, оф. 301.",
    "Он жил на 3 эт. в комн. 5.",
    "Прием в каб. 12 с 9 до 18.",
    "Звоните по тел. 8-800-123-45-67.",
    "Жил в рп. Раздолье.",
    "Слово взято из яп. языка.",
    "Высота горы ок. 5642 м.| Это высшая точка Европы.",
    "Река Волга (дл. 3530 км) впадает в Каспийское море.",
    "Спасибо за внимание.| З. Ы. Пишите в комментариях.",
    "Указ подписал В.В.Путин.| Он вступит в силу завтра.",
    "Это написал J.R.R. Tolkien.",
    "Встреча с А.Б. Чубайсом прошла в Москве.",
    "Звонил Иванов И.И.| Просил перезвонить.",
    "Иванов И.И. Русский синтаксис. М.: Наука, 1985.",
    "Согласно п. 3.2 договора оплата вносится ежемесячно.",
]
SENTENCE_FINAL_ABBREVIATIONS_RU = [
    # an abbreviation or a unit at the end of a sentence: a capitalised function word, or
    # any capitalised word after a quantity, opens the next one
    "Выручка составила 5 млн руб.| В прошлом году — 4 млн руб.",
    "Тираж — 3 тыс. экз.| На складе ничего не осталось.",
    "Сеанс длился 40 мин.| После него все устали.",
    "Это было в XVIII в.| В то время город был мал.",
    "Он родился в 1950 г.| Через год семья переехала.",
    "Сумма — 100 тыс. руб.| Однако платить никто не хотел.",
    "Дом построен в 1905 г.| Его архитектор неизвестен.",
    "Цена билета 500 руб.| Детям скидка.",
    "Бюджет составил 1,2 трлн долл.| Это рекорд.",
    "Город расположен на 50° с. ш. и 30° в. д.| Климат умеренный.",
    "Мощность двигателя 200 л. с.| Машина быстрая.",
    "Это случилось в 250 г. до Р. Х.| Источники молчат.",
    "Реформы начал Пётр I.| Его наследники их продолжили.",
    "При Петре I был основан Петербург.",
    "Температура плавления 1538 °C.| Плотность 7,87 г/см³.",
    "Винтовка обр. 1891 г.| Её выпускали долго.",
]
BIBLIOGRAPHY_MORE = [
    "Петров П. П. Основы физики // Успехи физических наук. 2005. Т. 175, № 3. С. 973–977.",
    "Esposito L. W. Planetary rings // Rep. Prog. Phys. 2002. Vol. 65. P. 1741–1783.",
    "Larry W. Esposito, Joshua E. Colwell. Saturn's rings. Geophys. Res. Lett., 1998.",
    "The Cambridge Handbook. Ed. by J. Smith. Cambridge: CUP, 2010.",
    "Smith J. (ed.). Handbook of Linguistics. Vol. 2. London: Routledge, 2005.",
    "Brown K., Miller J. Syntax. 3rd ed. London, 2016. P. 12.",
    "Кузнецов А. А. Статья // Вестн. Моск. ун-та. Сер. 9. Филология. 2010. № 2. С. 5–15.",
    "См.: Сидоров С. С. Книга. М., 2001. С. 15–18.| Там же подробно описан метод.",
    "Статья вышла в Phys. Rev. B за 2010 год.",
    "Соч.: Теория плазмы. М.: Наука, 1975. 420 с.; Избранные труды. В 2 т. М., 2001.",
    "Награждён орд. Ленина.| Похоронен в Москве.",
    "Площадь — 12 кв. км.| Расположен на р. Оке, в 120 км к Ю. от Москвы.",
    "Осн. в XII в.| Впервые упоминается в 1146 г.",
    "Радиус орбиты — 5,2 а. е.| В перигелии меньше.",
]
QUOTES_RU_MORE = [
    "Герой говорит: «… мне ничего не надо …»| В романе эта фраза повторяется трижды.",
    "«Мне ничего не надо…»| Эти слова стали девизом.",
    "Статья называлась «Что будет дальше?»| Её прочли тысячи.",
    "«Неужели?..»| Он не верил.",
    "Он крикнул: «Стой!» — и побежал.",
    "Она писала: «Люблю… жду… твоя Маша».| Письмо пришло поздно.",
    "Он спросил: «Который час?»| Я не ответил.",
    "Потом он добавил: «Не ждите меня»…| И исчез.",
    # a short quotation inside a sentence keeps its own sentences
    "Он подумал: «Вот это да! Землетрясение!»| Все выбежали на улицу.",
    "Толпа кричала «Стой! Держи вора!» и бежала следом.",
    "Он шептал: «Господи… Господи…»| Никто не слышал.",
    "Он всегда говорил: «Работа не волк. В лес не убежит».| И не работал.",
    "На вывеске было: «Кафе. Обеды. Ужины».| Мы зашли.",
    'Фильм "Стой! Кто идёт?" вышел в 1970 году.',
    'Он сказал "да".| Она сказала "нет".| Так и решили.',
]
DIALOGUE_RU_MORE = [
    # the author's words after a dash stay with the speech; a new line of speech after them
    # is a new sentence, as is a reply after a quotation
    "Она поднялась ему навстречу: «Да вы весь промокли!»| — Пустяки…",
    "«Где ты?» — кричала она.| Никто не отзывался.",
    "— Я не пойду, — сказала Маша.| — Почему?",
    "— Ты где был? — строго спросила мать.| — Гулял.",
    "— Хорошо, — ответил он, — я подожду.",
    "— Вот и всё, — сказал старик.| — Больше рассказывать нечего.",
    "— Неужели?.. — прошептала она.",
    "— Ну и что?! — возмутился он.| — А то!",
    "«Нет, — ответил он, — не приду».| Она заплакала.",
    "Она засмеялась: — Ты смешной!| — Почему?",
]
NEWS_RU_MORE = [
    "Новости спорта| Вчера сборная России проиграла Бразилии.",
    "Цены на нефть упали| По данным биржи, баррель подешевел на 3 %.",
    "Президент США Дж. Байден прибыл в Берлин.",
    "Глава ОАО «РЖД» О. Белозёров провёл совещание.",
    "Об этом заявил глава МИД РФ С. Лавров.| По его словам, переговоры продолжатся.",
    "Сейчас там живёт ок. 500 чел.| Раньше жило больше.",
    "Документ внесён в Думу 1 февр. т. г.| Вице-спикер назвал его нужным.",
    "Документ внесён 1 февр. т. г. в Думу.",
    # a headline between two sentences (text run together): a phrase with no comma that does
    # not open with a conjunction, before a capitalised function word
    "Матч закончился вничью.| Новости спорта| Вчера сборная России проиграла Бразилии.",
    "Курс валют.| Цены на нефть упали| По данным биржи, баррель подешевел.",
    "Он ушёл.| И девушки в последний раз плакали Над книгою.",
    "Было тихо.| Мы сидели дома Когда пришёл отец.",
]

BIBLIOGRAPHY_EN = [
    "See Larry W. Esposito, J. Geophys. Res. 89, 1234 (1984), for details.| It is thin.",
    "The volume was ed. by J. Smith (Vol. 2, pp. 12–30).| It sold well.",
    "Brown, K. (Ed.) Phys. Rev. Lett. 86, 5 (2001).",
    "They cite Smith et al. (2001), p. 5.| Nobody else does.",
]
LISTS_EN = [
    "The largest: 1. China (1.4 bn)| 2. India (1.3 bn)| 3. USA (330 m).",
    "She was 15.| Then she moved.",
]
POSTSCRIPTS_EN = [
    "Thanks a lot.| P.S. Photos tomorrow.",
]

RU = BIBLIOGRAPHY_RU + LISTS_RU + ABBREVIATIONS_RU + POSTSCRIPTS_RU
RU += QUOTES_RU + DIALOGUE_RU + FORUM_RU + NEWS_RU
RU += LISTS_RU_MORE + ABBREVIATIONS_RU_MORE + SENTENCE_FINAL_ABBREVIATIONS_RU + BIBLIOGRAPHY_MORE
RU += QUOTES_RU_MORE + DIALOGUE_RU_MORE + NEWS_RU_MORE
EN = BIBLIOGRAPHY_EN + LISTS_EN + POSTSCRIPTS_EN


def cases(lang: str, raw: list[str]) -> list[tuple[str, str, list[str]]]:
    return [(lang, case.replace("|", ""), [p.strip() for p in case.split("|")]) for case in raw]


def test_there_are_enough_hand_written_russian_cases() -> None:
    assert len(RU) >= 150
    assert len(set(RU)) == len(RU)


@pytest.mark.parametrize(("lang", "text", "expected"), cases("ru", RU) + cases("en", EN))
def test_hand_written_case(lang: str, text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b, _ in segment_spans(text, lang)] == expected


# Pieces of the kinds above, for the property that segmentation loses no character and
# never reorders: whatever the new rules decide, the sentences tile the text.
PIECES = [
    *["5 млн руб.", "3 тыс. экз.", "1950 г.", "XVIII в.", "°C.", "с. ш.", "л. с.", "Пётр I."],
    *["им.", "ул.", "З. Ы.", "Дж.", "Н.П.", "А. С.", "Larry W. Esposito,", "Esposito L. W."],
    *["С. 973–977.", "Vol. 65.", "Rep. Prog. Phys.", "(ed.).", "3rd ed.", "М.: Наука, 1985.", "//"],
    *["1.", "2.", "5. Бразилия (192 млн)", "6.", "«", "»", "“", "”", '"', "…", "...", "!", "?"],
    *["— сказал он.", "—", "–", ":", ",", "В", "На", "Его", "Однако", "Детям", "Петя", "ничего"],
    *[" ", " ", " ", "\n", "\u00a0", "(", ")"],
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join), st.sampled_from(["ru", "en"]))
def test_segmentation_loses_no_character(text: str, lang: str) -> None:
    position = 0
    for start, end, _ in segment_spans(text, lang):
        assert position <= start < end <= len(text)
        assert text[position:start].strip() == ""  # only whitespace between sentences
        position = end
    assert text[position:].strip() == ""

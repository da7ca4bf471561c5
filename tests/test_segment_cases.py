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
EN = BIBLIOGRAPHY_EN + LISTS_EN + POSTSCRIPTS_EN


def cases(lang: str, raw: list[str]) -> list[tuple[str, str, list[str]]]:
    return [(lang, case.replace("|", ""), [p.strip() for p in case.split("|")]) for case in raw]


def test_there_are_enough_hand_written_russian_cases() -> None:
    assert len(RU) >= 60
    assert len(set(RU)) == len(RU)


@pytest.mark.parametrize(("lang", "text", "expected"), cases("ru", RU) + cases("en", EN))
def test_hand_written_case(lang: str, text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b, _ in segment_spans(text, lang)] == expected

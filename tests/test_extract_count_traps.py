"""Count traps: numbers in a sentence that are not the killed, injured or arrested of the
event it reports (years, dates, ages, times, money, shares, running or background tolls,
tolls of other events or of disease), next to near-twins that are real counts.

Every sentence is invented for this file. ``None`` in a column means no count may be
found for that field.
"""

from __future__ import annotations

import pytest

from flashpoint.extraction.quantities import find_quantities
from flashpoint.extraction.quantity_lexicon import load_quantity_lexicon

LEX = load_quantity_lexicon()

K, I, A = "fatalities", "injured", "arrested"

TRAPS = [
    # -- years ------------------------------------------------------------------
    ("As recently as 2014, the authorities executed two activists.", {K: 2}),
    ("As recently as 2014, the authorities executed dissidents.", {K: None}),
    ("In 2019 soldiers killed protesters in the capital.", {K: None}),
    ("Since 2011 the militia has killed civilians in the valley.", {K: None}),
    ("The 2021 crackdown left protesters injured across the country.", {K: None, I: None}),
    ("By 2020, police had arrested opposition figures in every province.", {A: None}),
    ("Back in 1998, troops killed villagers near the border.", {K: None}),
    ("Gunmen killed 2015 residents.", {K: 2015}),  # no comma, a noun after: a count
    ("In 2008, 5 people were killed.", {K: 5}),
    # -- dates and times ----------------------------------------------------------
    ("On 12 March, police arrested a trade unionist.", {A: 1}),
    ("On March 12, gunmen killed a farmer.", {K: 1}),
    ("The raid on 3 June killed four guards.", {K: 4}),
    ("Police said 14 June was the day the activist was detained.", {A: 1}),
    ("At 10:30 the bomb went off, killing nine people.", {K: 9}),
    ("Shortly after 11 pm, attackers wounded three watchmen.", {I: 3}),
    ("The curfew began at 6 am and three people were injured.", {I: 3}),
    ("Around 2 a.m. the patrol was ambushed and one soldier was killed.", {K: 1}),
    ("At 0400 GMT militants killed five guards.", {K: 5}),
    ("The 48-hour strike ended after police arrested six organisers.", {A: 6}),
    # -- ages -----------------------------------------------------------------------
    ("A 45-year-old teacher was killed at the checkpoint.", {K: 1}),
    ("The journalist, 34, was arrested at his home.", {A: 1}),
    ("Three men aged between 20 and 30 were killed.", {K: 3}),
    ("Police detained a boy aged 16.", {A: 1}),
    ("Two students, aged 19 and 21, were wounded.", {I: 2}),
    ("The victims, aged 17 to 25, were shot dead.", {K: None}),
    ("A 70-year-old woman died after the beating.", {K: 1}),
    ("Soldiers killed two teenagers, both 15.", {K: 2}),
    # -- money --------------------------------------------------------------------------
    ("Police arrested a clerk accused of taking $5,000 in bribes.", {A: 1}),
    ("The families of the 12 people killed were paid 500 dollars each.", {K: 12}),
    ("A reward of 10,000 euros was offered after two officers were killed.", {K: 2}),
    ("Rioters destroyed goods worth 2 million rupees and injured 15 shopkeepers.", {I: 15}),
    ("The court fined 40 protesters $200 each.", {A: None, K: None}),
    ("The union paid bail of 3,000 pounds for the arrested leader.", {A: None}),
    ("A bounty of 1 million naira was placed on the gunmen who killed the chief.", {K: 1}),
    # -- percentages and shares ---------------------------------------------------------
    ("Turnout fell 40 percent after police arrested the candidate.", {A: 1}),
    ("Nearly 60% of those killed were civilians.", {K: None}),
    ("Women made up 30 per cent of the detained.", {A: None}),
    ("Only 5 percent of the wounded received treatment.", {I: None}),
    ("One in three of the injured was a child.", {I: None}),
    ("Half of the 200 people arrested were students.", {A: 200}),
    # -- running and background tolls --------------------------------------------------------
    ("More than 5,000 people have been killed since the war began.", {K: None}),
    ("Since the start of the conflict, 1,200 civilians have been killed.", {K: None}),
    ("So far this year, 340 activists have been arrested.", {A: None}),
    ("At least 90 people have been killed so far.", {K: None}),
    # a total reached by a point in time, and its near-twin that names when one raid happened
    ("By late April, the rangers had detained more than 3,100 people under the curfew.", {A: None}),
    ("By the end of the week, militias had killed 85 villagers in the district.", {K: None}),
    ("On 3 April, the rangers detained 31 people under the curfew.", {A: 31}),
    ("The attack brings the number killed this year to 48.", {K: None}),
    ("This year alone, security forces have detained 2,300 people.", {A: None}),
    ("The monitor says 410 protesters have been killed since January.", {K: None}),
    ("In total, 75 journalists have been jailed since the coup.", {A: None}),
    ("Over the past decade, 600 land defenders were murdered.", {K: None}),
    ("Bringing the total to 31, two more bodies were found on Sunday.", {K: None}),
    ("The violence has claimed 3,000 lives since 2019.", {K: None}),
    ("Human rights groups say 150 people have died in custody since March.", {K: None}),
    ("To date, more than 700 people have been detained in the crackdown.", {A: None}),
    ("Altogether some 2,000 demonstrators have been arrested in recent months.", {A: None}),
    ("The cumulative death toll now exceeds 900.", {K: None}),
    ("The uprising has left at least 250 dead over the past year.", {K: None}),
    ("In recent years, hundreds of activists have been killed.", {K: None}),
    ("Raids killed more than 400 people in the first half of 2022.", {K: None}),
    ("The insurgency has killed 12,000 people and displaced a million.", {K: None}),
    ("Of the 900 people detained, 350 are still detained without charge.", {A: None}),
    ("Some 40 reporters remain behind bars across the country.", {A: None}),
    ("The authorities said 700 people arrested at the rallies would be freed.", {A: None}),
    ("Cases rose to 9,000 and the death toll climbed to 310.", {K: None}),
    ("About 80 prisoners held for their views have been released this spring.", {A: None}),
    ("The editor is among at least 45 reporters detained by the junta.", {A: None}),
    ("Dozens of marchers were arrested during the weekly rallies in the capital.", {A: None}),
    ("Hundreds have been detained in countries such as Chad and Niger.", {A: None}),
    # -- tolls of other events ------------------------------------------------------------------
    ("A similar attack last year killed 20 worshippers.", {K: None}),
    ("The town was the scene of a 2015 massacre in which 45 people died.", {K: None}),
    ("Two years ago, a bombing at the same market killed 30.", {K: None}),
    ("The previous clashes, in 2018, left 12 people wounded.", {I: None}),
    ("It was the deadliest attack since a bombing in 2016 that killed 80.", {K: None}),
    ("An earlier raid had killed six fighters.", {K: None}),
    ("It follows last month's attack in which 17 soldiers were killed.", {K: None}),
    ("The 2004 tsunami killed thousands in the province.", {K: None}),
    ("The attack came a decade after the 1994 genocide killed 800,000 people.", {K: None}),
    ("The talks came after a week in which 40 people were injured in the north.", {I: None}),
    ("The arrests came a day after gunmen killed two guards at the mine.", {K: None}),
    ("Unlike last year's march, when police arrested 400 people, the rally was calm.", {A: None}),
    # -- disease, disaster and other deaths -------------------------------------------------------
    ("The country's COVID-19 death toll passed 2,000 on Monday.", {K: None}),
    ("The coronavirus has killed 2,000 people in the country.", {K: None}),
    ("Cholera has killed 40 people in the camps.", {K: None}),
    ("More than 300 people died of Ebola in the region.", {K: None}),
    ("The pandemic has killed more than 10,000 people.", {K: None}),
    ("Floods killed 25 people in the delta.", {K: None}),
    ("An earthquake killed 60 people and injured 200.", {K: None, I: None}),
    ("Malaria kills thousands of children every year.", {K: None}),
    ("Forty people died in a road accident on the highway.", {K: None}),
    # -- real counts next to the traps ------------------------------------------------------------
    ("Soldiers killed 14 villagers on Tuesday.", {K: 14}),
    ("Police arrested 37 protesters outside parliament.", {A: 37}),
    ("The blast wounded 22 shoppers at the market.", {I: 22}),
    ("Gunmen shot dead three health workers at a COVID-19 vaccination centre.", {K: 3}),
    ("Police detained 12 nurses protesting over unpaid pandemic bonuses.", {A: 12}),
    ("Militants killed five soldiers in an ambush, the army said on Sunday.", {K: 5}),
    ("At least 11 people were killed when troops fired on the crowd.", {K: 11}),
    ("Security forces arrested 120 people during the night raids.", {A: 120}),
    ("Four people were injured when police charged the march.", {I: 4}),
    ("The bombing killed 31 people and wounded 70 others.", {K: 31, I: 70}),
    ("Two activists were abducted and one was killed.", {K: 1}),
    ("The death toll from Friday's bus bombing rose to 41.", {K: 41}),
    ("Police released tear gas and arrested 14 students.", {A: 14}),
    ("A policeman died of his wounds in hospital.", {K: 1}),
    # -- a figure that changed, and a range of one figure -------------------------
    ("The death toll from the raid rose from 10 to 12.", {K: 12}),
    ("After the market attack the death toll climbed from 7 to 19 killed.", {K: 19}),
    ("Officials said the death toll had gone up from 3 to 5.", {K: 5}),
    ("Between 10 and 12 people were killed when gunmen raided the village.", {K: 10}),
    ("Police detained between 30 and 40 students after the march.", {A: 30}),
    ("Gunmen killed 10 soldiers and 12 civilians near the border post.", {K: 22}),
]


@pytest.mark.parametrize("sentence, expected", TRAPS, ids=[s[:48] for s, _ in TRAPS])
def test_count_trap(sentence, expected):
    found = find_quantities(sentence, LEX)
    for field, value in expected.items():
        assert getattr(found, field) == value, (field, found)


def test_there_are_at_least_80_traps():
    assert len(TRAPS) >= 80
    assert len({s for s, _ in TRAPS}) == len(TRAPS)

# German translation of plans/dermaroller.toml (plan = "dermaroller").
# Keys: description, title-RULE, body-RULE, allows-RULE, healing-RANGE (the [healing] key, "," written "_").
# Keep the meaning exact; the roller's instructions, and a practitioner's if there is one, come first.
# Terms: practitioner = "Ihre Behandlerin oder Ihr Behandler"; doctor = "eine Ärztin oder ein Arzt";
# aftercare = Nachpflege; roller = Roller; sunscreen = Sonnenschutz, SPF = LSF; actives = Wirkstoffe; usually = in der Regel.

description = Dermarolling zu Hause (kurze Nadeln): einige Tage sanfte Pflege, Sonnenschutz und Hygiene für den Roller
complete = Das war die letzte Erinnerung für diese Anwendung. Bleiben Sie beim täglichen Sonnenschutz und rollen Sie erst wieder, wenn sich Ihre Haut vollständig erholt hat, so wie es die Anleitung Ihres Rollers vorsieht.
nothing-off-limits = Es gibt keine Einschränkungen mehr; bleiben Sie beim täglichen Sonnenschutz.

## Day 0

title-today = Die Nachpflege hat begonnen
body-today = Folgen Sie der Anleitung Ihres Rollers und, falls Sie eine Behandlerin oder einen Behandler haben, auch deren Anweisungen. Etwas Rötung für ein paar Stunden ist normal. In den ersten 24 Stunden kein Make-up; keine Wirkstoffe und keine Körnchenpeelings, bis die Erinnerungen sie wieder freigeben, nur eine einfache, parfümfreie Feuchtigkeitscreme oder ein Serum. Der Sonnenschutz beginnt mit seinen eigenen Erinnerungen.

title-clean-roller = Roller reinigen
body-clean-roller = Spülen Sie den Roller unter heißem fließendem Wasser ab, legen Sie den Kopf dann für ein paar Minuten in 70-prozentigen Isopropylalkohol oder sprühen Sie ihn damit ein, lassen Sie ihn an der Luft trocknen und legen Sie ihn zurück in sein Etui. Teilen Sie einen Roller nie mit anderen.

title-hydrate = Haut mit Feuchtigkeit versorgen
body-hydrate = Mit sauberen Händen eine einfache, parfümfreie Feuchtigkeitscreme oder ein Hyaluronserum. Noch nichts mit Säuren, Retinoiden, Vitamin C oder Duftstoffen.

## The morning routine

title-summary = Ihre Nachpflege heute

title-makeup-ok = Make-up ist jetzt in der Regel möglich
body-makeup-ok = Es sind mindestens 24 Stunden vergangen: Wenn sich Ihre Haut beruhigt hat, ist Make-up in der Regel wieder in Ordnung; verwenden Sie saubere Pinsel. Sagen die Anleitung Ihres Rollers oder die Anweisungen Ihrer Behandlerin oder Ihres Behandlers etwas anderes, folgen Sie diesen.

title-heat-ok = Sport, Schwimmbad und Sauna
body-heat-ok = Es sind mindestens 48 Stunden vergangen: Schweißtreibender Sport, Schwimmbad und Sauna sind in der Regel wieder in Ordnung, wenn sich Ihre Haut beruhigt hat. Sagen die Anleitung Ihres Rollers oder die Anweisungen Ihrer Behandlerin oder Ihres Behandlers etwas anderes, folgen Sie diesen.

title-actives-ok = Wirkstoffe, einer nach dem anderen
body-actives-ok = Es sind mindestens 3 Tage vergangen: Wenn sich Ihre Haut beruhigt hat, können Sie Retinoide, Säuren, Vitamin C und Körnchenpeelings in der Regel wieder verwenden, eins nach dem anderen. Noch gereizt? Warten Sie noch ein paar Tage länger und rollen Sie beim nächsten Mal sanfter oder seltener. Sagen die Anleitung Ihres Rollers oder die Anweisungen Ihrer Behandlerin oder Ihres Behandlers etwas anderes, folgen Sie diesen.

title-wrap-up = Bis zum nächsten Mal
body-wrap-up = Bewahren Sie den Roller trocken in seinem Etui auf. Ersetzen Sie ihn nach etwa 10 bis 15 Anwendungen, oder früher, wenn die Nadeln verbogen, stumpf oder rostig aussehen. Rollen Sie höchstens einmal pro Woche und erst, wenn sich Ihre Haut vollständig erholt hat: Häufigeres Rollen kann Narben oder Verfärbungen hinterlassen. Sehen die Anleitung Ihres Rollers oder die Anweisungen Ihrer Behandlerin oder Ihres Behandlers eine längere Pause vor, folgen Sie diesen.

title-morning-care = Reinigen und eincremen
body-morning-care = Lauwarmes Wasser und ein milder Reiniger, mit einem sauberen Handtuch trocken tupfen, dann eine einfache Feuchtigkeitscreme. Noch keine Wirkstoffe.

title-sunscreen = Sonnenschutz
body-sunscreen = Breitband-Sonnenschutz mit LSF 30+ (ein mineralischer ist auf frisch gerollter Haut oft schonender); im Freien alle 2 Stunden erneut auftragen.

## The evening routine

title-check-in = Wie sieht Ihre Haut aus?
body-check-in = Die Rötung sollte inzwischen abklingen. Eiter, eine sich ausbreitende Rötung, Fieber oder zunehmende Schmerzen: Rufen Sie noch heute Abend eine Ärztin oder einen Arzt an, oder wenden Sie sich an eine Notfallpraxis oder den ärztlichen Bereitschaftsdienst. Rötung, Knötchen oder ein Ausschlag, die länger als ein, zwei Tage anhalten, oder dunkle Flecken: Hören Sie mit dem Rollen auf und lassen Sie Ihre Haut von einer Behandlerin oder einem Behandler oder in einer Hautarztpraxis ansehen.
deferred-body-check-in = Die Rötung sollte inzwischen abklingen. Eiter, eine sich ausbreitende Rötung, Fieber oder zunehmende Schmerzen: Rufen Sie sofort eine Ärztin oder einen Arzt an, oder wenden Sie sich an eine Notfallpraxis oder den ärztlichen Bereitschaftsdienst. Rötung, Knötchen oder ein Ausschlag, die länger als ein, zwei Tage anhalten, oder dunkle Flecken: Hören Sie mit dem Rollen auf und lassen Sie Ihre Haut von einer Behandlerin oder einem Behandler oder in einer Hautarztpraxis ansehen.

title-evening-care = Reinigen und eincremen
body-evening-care = Vor dem Schlafengehen: sanft mit lauwarmem Wasser reinigen, trocken tupfen, dann Ihre Feuchtigkeitscreme. Ein frischer Kissenbezug hilft.

## What is usually normal on which days (for the morning summary)

healing-0 = Rötung und leichte Wärme für ein paar Stunden, wie bei einem leichten Sonnenbrand.
healing-1-2 = Die Haut ist größtenteils beruhigt; sie kann sich trocken oder leicht rau anfühlen.
healing-3-5 = Die Haut ist wieder normal, bekommt aber eventuell noch leichter einen Sonnenbrand als sonst.

## What each milestone allows again (a noun phrase in the morning summary)
allows-makeup-ok = Make-up
allows-heat-ok = schweißtreibender Sport, Schwimmbad und Sauna
allows-actives-ok = Retinoide, Säuren, Körnchenpeelings und Vitamin C

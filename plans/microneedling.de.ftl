# German translation of plans/microneedling.toml (plan = "microneedling").
# Keys: description, title-RULE, body-RULE, allows-RULE, healing-RANGE (the [healing] key, "," written "_").
# Keep the meaning exact; the practitioner's instructions come first.
# Terms: practitioner = "Ihre Behandlerin oder Ihr Behandler"; aftercare = Nachpflege;
# sunscreen = Sonnenschutz, SPF = LSF; actives = Wirkstoffe; usually = in der Regel.

description = Microneedling in der Praxis (Standardplan): zwei Wochen sanfte Pflege, Sonnenschutz und Meilensteine
complete = Das war die letzte Erinnerung Ihres Microneedling-Plans. Bleiben Sie beim täglichen Sonnenschutz mit LSF 30+ und folgen Sie ab jetzt den Empfehlungen Ihrer Behandlerin oder Ihres Behandlers.
nothing-off-limits = Es gibt keine Einschränkungen mehr; bleiben Sie beim täglichen Sonnenschutz.

## Day 0

title-today = Die Nachpflege hat begonnen
body-today = Die Anweisungen Ihrer Behandlerin oder Ihres Behandlers haben Vorrang; diese Erinnerungen folgen einem typischen Plan. Berühren Sie die behandelte Haut nicht und kratzen Sie nicht, auch wenn es juckt. Etwa 24 Stunden kein Make-up und vorerst kein Sport, keine Sauna, kein Schwimmbad und kein heißes Duschen. Bis die Erinnerungen an den Sonnenschutz beginnen, auf der frischen Haut lieber Schatten und ein Hut statt Sonnenschutzmittel.

title-first-rinse = Erstes sanftes Abspülen
body-first-rinse = Spülen Sie mit lauwarmem Wasser ab und nehmen Sie dabei nur die Fingerspitzen; tupfen Sie die Haut dann mit einem sauberen Handtuch trocken. Nicht rubbeln.

title-hydrate = Haut mit Feuchtigkeit versorgen
body-hydrate = Tupfen Sie mit sauberen Händen das Gel oder Serum zur Nachpflege auf, das Ihnen Ihre Behandlerin oder Ihr Behandler mitgegeben hat.

## The morning routine

title-summary = Ihre Nachpflege heute

title-makeup-ok = Make-up: nur mineralisch, falls nötig
body-makeup-ok = Es sind mindestens 24 Stunden vergangen: Mineralisches Make-up mit sauberen Pinseln ist jetzt in der Regel in Ordnung. Ganz ohne Make-up ist es für die Haut aber weiterhin am schonendsten.

title-exercise-ok = Sport ist in der Regel wieder möglich
body-exercise-ok = Es sind mindestens 72 Stunden vergangen: Schweißtreibender Sport ist in der Regel wieder in Ordnung, wenn sich Ihre Haut beruhigt hat. Spülen Sie die Haut danach ab und tragen Sie erneut Sonnenschutz auf.

title-pool-ok = Schwimmbad, Sauna und Dampfbad
body-pool-ok = Es sind mindestens 4 Tage vergangen: Schwimmbad, Sauna und Dampfbad sind in der Regel wieder in Ordnung, wenn sich Ihre Haut beruhigt hat.

title-actives-ok = Wirkstoffe, einer nach dem anderen
body-actives-ok = Keine Rötung und keine Schuppung mehr? Dann können Sie Retinoide, Säuren und Vitamin C wieder verwenden, ein Produkt nach dem anderen. Ist Ihre Haut noch gereizt, warten Sie noch ein paar Tage.

title-morning-care = Reinigen und eincremen
body-morning-care = Sanft mit lauwarmem Wasser und den Fingerspitzen reinigen, nicht rubbeln; trocken tupfen, dann eine leichte, nicht komedogene Feuchtigkeitscreme, die Ihre Behandlerin oder Ihr Behandler freigegeben hat. Noch keine Wirkstoffe.
title-morning-care-after = Reinigen und eincremen
body-morning-care-after = Sanft mit lauwarmem Wasser und den Fingerspitzen reinigen, nicht rubbeln; trocken tupfen, dann Ihre leichte, nicht komedogene Feuchtigkeitscreme.

title-sunscreen = Sonnenschutz
body-sunscreen = Mineralischer Sonnenschutz mit LSF 30+ (Zinkoxid oder Titandioxid); im Freien alle 2 Stunden und nach dem Schwitzen erneut auftragen. Meiden Sie starke Sonne; Schatten und ein Hut helfen.

title-no-picking = Finger weg
body-no-picking = Schuppung und Juckreiz sind normal und bedeuten, dass Ihre Haut heilt. Nicht zupfen, kratzen, abziehen oder reiben; lassen Sie die Schüppchen von selbst abfallen.

## The evening routine

title-check-in = Wie sieht Ihre Haut aus?
body-check-in = Leichte Rötung, Schwellung, Jucken oder Brennen sind anfangs normal. Eiter oder gelbe Krusten, eine sich ausbreitende Rötung, Fieber, Blasen oder Lippenherpes oder zunehmende Schmerzen: Rufen Sie noch heute Abend die Nummer Ihrer Praxis für außerhalb der Sprechzeiten an, oder wenden Sie sich an eine Notfallpraxis oder den ärztlichen Bereitschaftsdienst. Rötung oder Schwellung, die nach 48 Stunden schlimmer wird oder bis Tag 5 nicht abklingt: Rufen Sie morgen früh Ihre Behandlerin, Ihren Behandler oder eine Hautarztpraxis an.
deferred-body-check-in = Leichte Rötung, Schwellung, Jucken oder Brennen sind anfangs normal. Eiter oder gelbe Krusten, eine sich ausbreitende Rötung, Fieber, Blasen oder Lippenherpes oder zunehmende Schmerzen: Rufen Sie sofort die Nummer Ihrer Praxis für außerhalb der Sprechzeiten an, oder wenden Sie sich an eine Notfallpraxis oder den ärztlichen Bereitschaftsdienst. Rötung oder Schwellung, die nach 48 Stunden schlimmer wird oder an Tag 5 noch anhält: Rufen Sie Ihre Behandlerin, Ihren Behandler oder eine Hautarztpraxis an.

title-evening-care = Reinigen und eincremen
body-evening-care = Vor dem Schlafengehen: sanft mit lauwarmem Wasser reinigen, trocken tupfen, dann Ihre leichte, nicht komedogene Feuchtigkeitscreme. Ein frischer Kissenbezug hilft.

## Days 8-14

title-sunscreen-daily = Täglicher Sonnenschutz
body-sunscreen-daily = Jeden Morgen mineralischer Sonnenschutz mit LSF 30+, solange sich Ihre Haut noch erholt; wenn Sie im Freien sind, erneut auftragen.

title-wrap-up = Nachpflege abgeschlossen
body-wrap-up = Gut gemacht: Die zusätzliche Pflege ist vorbei. Bleiben Sie beim täglichen Sonnenschutz; wenn Sie eine Behandlungsreihe machen, ist die nächste Sitzung in der Regel 4 bis 6 Wochen nach dieser. Neue Knötchen, einen Ausschlag oder dunkle Flecken in den kommenden Wochen zeigen Sie am besten Ihrer Behandlerin oder Ihrem Behandler oder in einer Hautarztpraxis.

## What is usually normal on which days (for the morning summary)

healing-0-1 = Rötung, Wärme und Spannungsgefühl wie bei einem leichten Sonnenbrand; etwas Schwellung, Jucken oder Brennen, meist leicht und nach ein paar Tagen vorbei.
healing-2-4 = Rötung und Schwellung lassen nach; Trockenheit, leichte Schuppung und etwas Jucken können einsetzen.
healing-5-7 = Die Schuppung klingt ab; die Haut kann sich etwas rau anfühlen oder fahl aussehen.
healing-8-14 = Die Haut ist größtenteils beruhigt, bekommt aber noch leichter einen Sonnenbrand als sonst.

## What each milestone allows again (a noun phrase in the morning summary)
allows-makeup-ok = Make-up
allows-exercise-ok = schweißtreibender Sport
allows-pool-ok = Schwimmbad, Sauna und Dampfbad
allows-actives-ok = Retinoide, Säuren und Vitamin C

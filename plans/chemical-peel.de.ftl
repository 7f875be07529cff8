# German translation of plans/chemical-peel.toml (plan = "chemical-peel").
# Keys: description, title-RULE, body-RULE, allows-RULE, healing-RANGE (the [healing] key, "," written "_").
# Keep the meaning exact; the practitioner's instructions come first.
# Terms: practitioner = "Ihre Behandlerin oder Ihr Behandler"; aftercare = Nachpflege;
# sunscreen = Sonnenschutz, SPF = LSF; actives = Wirkstoffe; usually = in der Regel;
# light/medium(-depth) peel = leichtes/mitteltiefes Peeling; scrub = Körnchenpeeling.

description = Leichtes oder mitteltiefes chemisches Peeling: Finger weg von der schälenden Haut, konsequenter Sonnenschutz, etwa eine Woche keine Wirkstoffe
complete = Das war die letzte Erinnerung Ihres Peeling-Plans. Schützen Sie die neue Haut weiter vor der Sonne, wie es Ihnen geraten wurde, und folgen Sie ab jetzt den Empfehlungen Ihrer Behandlerin oder Ihres Behandlers.
nothing-off-limits = Es gibt keine Einschränkungen mehr; schützen Sie die neue Haut weiter vor der Sonne.

## Day 0

title-today = Die Nachpflege hat begonnen
body-today = Die Anweisungen Ihrer Behandlerin oder Ihres Behandlers haben Vorrang; diese Erinnerungen folgen einem typischen Plan für ein leichtes oder mitteltiefes Peeling. Manche Peelings bleiben eine festgelegte Zahl von Stunden auf der Haut: Waschen Sie Ihr Peeling erst ab, wenn es Ihnen so gesagt wurde. Vorerst: kein Make-up, kein Rubbeln, kein Sport, keine Sauna, kein Schwimmbad und kein heißes Duschen; Schatten, ein Hut und der Sonnenschutz, der in der Praxis aufgetragen oder freigegeben wurde.

title-first-cleanse = Erste sanfte Reinigung
body-first-cleanse = Sofern Ihre Behandlerin oder Ihr Behandler Sie nicht gebeten hat, das Peeling länger einwirken zu lassen: lauwarmes Wasser und ein milder, seifenfreier Reiniger, nur mit den Fingerspitzen, kein Waschlappen und kein Körnchenpeeling. Trocken tupfen, dann eine dünne Schicht einer reizarmen Feuchtigkeitscreme.

title-soothe = Bei Spannungsgefühl
body-soothe = Wenn Ihre Haut spannt oder sich heiß anfühlt: eine dünne Schicht der reizarmen Feuchtigkeitscreme, die Ihre Behandlerin oder Ihr Behandler freigegeben hat, oder für ein paar Minuten ein kühles, sauberes, feuchtes Tuch. Kein Eis direkt auf die Haut.

## The morning routine

title-summary = Ihre Nachpflege heute

title-makeup-ok = Make-up nach einem leichten Peeling
body-makeup-ok = Es sind mindestens 24 Stunden vergangen: Nach einem leichten Peeling ist sanftes mineralisches Make-up mit sauberen Pinseln in der Regel in Ordnung, wenn die Haut nicht wund oder verkrustet ist. Nach einem mitteltiefen Peeling warten Sie, bis Ihre Behandlerin oder Ihr Behandler es erlaubt, oft etwa 10 Tage, bis sich die neue Haut gebildet hat. Ganz ohne Make-up ist es für die Haut am schonendsten.

title-exercise-ok = Sport ist in der Regel wieder möglich
body-exercise-ok = Es sind mindestens 72 Stunden vergangen: Schweißtreibender Sport ist in der Regel wieder in Ordnung, wenn sich Ihre Haut beruhigt hat. Spülen Sie die Haut danach sanft ab und tragen Sie erneut Sonnenschutz auf; Schweiß auf schälender Haut kann brennen.

title-heat-ok = Schwimmbad, Sauna und Dampfbad
body-heat-ok = Es ist etwa eine Woche vergangen: Sobald sich die Haut nicht mehr schält, sind Schwimmbad, Sauna, Dampfbad und Whirlpool in der Regel wieder in Ordnung. Schält sie sich noch? Dann geben Sie ihr noch ein paar Tage.

title-actives-ok = Wirkstoffe, einer nach dem anderen
body-actives-ok = Die Haut schält sich nicht mehr, brennt nicht und ist nicht gerötet? Dann führen Sie Retinoide, AHA-/BHA-Säuren, Vitamin C und Körnchenpeelings wieder ein, eins nach dem anderen und mit ein paar Tagen Abstand. Noch rosig oder schuppig: Warten Sie noch ein paar Tage. Waxing, Threading oder Enthaarungscremes auf der behandelten Haut: Fragen Sie zuerst Ihre Behandlerin oder Ihren Behandler.

title-morning-care = Reinigen und eincremen
body-morning-care = Sanft, seifenfrei und lauwarm mit den Fingerspitzen reinigen, trocken tupfen, dann eine reizarme Feuchtigkeitscreme. Noch keine Retinoide, Säuren, Körnchenpeelings oder Vitamin C.
title-morning-care-after = Reinigen und eincremen
body-morning-care-after = Sanft, seifenfrei und lauwarm mit den Fingerspitzen reinigen, trocken tupfen, dann eine reizarme Feuchtigkeitscreme.

title-sunscreen = Sonnenschutz
body-sunscreen = Breitband-Sonnenschutz mit LSF 30+ (ein mineralischer ist oft schonender); im Freien alle 2 Stunden und nach dem Schwitzen erneut auftragen. Die neue Haut bekommt leicht Sonnenbrand und dunkelt leicht nach: zusätzlich Schatten und ein Hut mit breiter Krempe. Auf wunde oder verkrustete Haut kein Sonnenschutzmittel: Decken Sie sie ab und halten Sie sie aus der Sonne.

title-no-picking = Finger weg von der schälenden Haut
body-no-picking = Schälen und Jucken sind normal und bedeuten, dass das Peeling wirkt. Die Schüppchen nicht abzupfen, aufkratzen, abziehen oder abrubbeln: Das kann Narben oder dunkle Flecken hinterlassen. Mit Feuchtigkeitscreme lösen sie sich leichter von selbst.

## The evening routine

title-check-in = Wie sieht Ihre Haut aus?
body-check-in = Spannungsgefühl, Rötung, Jucken und Schälen sind normal; nach einem mitteltiefen Peeling kann die Haut anschwellen und nachdunkeln, bevor sie sich schält. Eiter oder gelbe Krusten, eine sich ausbreitende Rötung, Fieber, Blasen oder Lippenherpes oder zunehmende Schmerzen: Rufen Sie noch heute Abend die Nummer Ihrer Praxis für außerhalb der Sprechzeiten an, oder wenden Sie sich an eine Notfallpraxis oder den ärztlichen Bereitschaftsdienst. Rötung oder Schwellung, die nach 48 Stunden schlimmer wird, wunde Stellen, die nicht abheilen, oder neue dunkle Flecken: Rufen Sie morgen früh Ihre Behandlerin oder Ihren Behandler an.
deferred-body-check-in = Spannungsgefühl, Rötung, Jucken und Schälen sind normal; nach einem mitteltiefen Peeling kann die Haut anschwellen und nachdunkeln, bevor sie sich schält. Eiter oder gelbe Krusten, eine sich ausbreitende Rötung, Fieber, Blasen oder Lippenherpes oder zunehmende Schmerzen: Rufen Sie sofort die Nummer Ihrer Praxis für außerhalb der Sprechzeiten an, oder wenden Sie sich an eine Notfallpraxis oder den ärztlichen Bereitschaftsdienst. Rötung oder Schwellung, die nach 48 Stunden schlimmer wird, wunde Stellen, die nicht abheilen, oder neue dunkle Flecken: Rufen Sie Ihre Behandlerin oder Ihren Behandler an.

title-evening-care = Reinigen und eincremen
body-evening-care = Vor dem Schlafengehen: sanft mit lauwarmem Wasser reinigen, trocken tupfen, dann Ihre Feuchtigkeitscreme. Ein frischer Kissenbezug hilft.

## Days 8-14

title-sunscreen-daily = Täglicher Sonnenschutz
body-sunscreen-daily = Jeden Morgen Breitband-Sonnenschutz mit LSF 30+, solange sich die neue Haut noch erholt; wenn Sie im Freien sind, erneut auftragen. Sonne auf neuer Haut kann dunkle Flecken hinterlassen.

title-wrap-up = Nachpflege abgeschlossen
body-wrap-up = Gut gemacht: Die zusätzliche Pflege ist vorbei. Schützen Sie Ihre Haut weiter vor der Sonne, so wie es Ihnen empfohlen wurde: in der Regel konsequent für mindestens 6 Wochen nach dem Peeling (manche raten zu bis zu 3 Monaten), mit täglichem Sonnenschutz mit LSF 30+, Schatten und einem Hut. Peelings werden oft als Reihe im Abstand von einigen Wochen gemacht: Fragen Sie in Ihrer Praxis, wann Ihr nächstes Peeling ansteht. Dunkle Flecken, anhaltende Rötung oder neue Knötchen in den kommenden Wochen zeigen Sie am besten Ihrer Behandlerin oder Ihrem Behandler.

## What is usually normal on which days (for the morning summary)

healing-0-1 = Rötung, ein Spannen der Haut, etwas Jucken und ein Gefühl wie bei einem leichten Sonnenbrand; nach einem mitteltiefen Peeling kann die Haut anschwellen.
healing-2-5 = Schälen, mit feinen Schüppchen nach einem leichten Peeling, größeren Hautfetzen und dunkleren Flecken nach einem mitteltiefen.
healing-6-7 = Das Schälen endet; die neue Haut ist rosig, glatt und empfindlich.
healing-8-14 = Die neue Haut erholt sich; sie bekommt leichter einen Sonnenbrand und dunkelt leichter nach als sonst.

## What each milestone allows again (a noun phrase in the morning summary)
allows-exercise-ok = schweißtreibender Sport
allows-heat-ok = Schwimmbad, Sauna, Dampfbad und Whirlpool
allows-actives-ok = Retinoide, Säuren, Körnchenpeelings und Vitamin C

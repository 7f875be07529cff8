# German translation of plans/laser.toml (plan = "laser").
# Keys: description, title-RULE, body-RULE, allows-RULE, healing-RANGE (the [healing] key, "," written "_").
# Keep the meaning exact; the practitioner's instructions come first.
# Terms: practitioner = "Ihre Behandlerin oder Ihr Behandler"; aftercare = Nachpflege;
# sunscreen = Sonnenschutz, SPF = LSF; actives = Wirkstoffe; usually = in der Regel; scrub = Körnchenpeeling.

description = Nicht-ablativer Laser oder IPL: kühlen, konsequenter Sonnenschutz, einige Tage keine Hitze, Make-up nach etwa 24 Stunden
complete = Das war die letzte Erinnerung Ihres Laser-Plans. Bleiben Sie so lange beim täglichen Sonnenschutz mit LSF 30+, wie es Ihnen geraten wurde, und folgen Sie ab jetzt den Empfehlungen Ihrer Behandlerin oder Ihres Behandlers.
nothing-off-limits = Es gibt keine Einschränkungen mehr; bleiben Sie beim täglichen Sonnenschutz mit LSF 30+.

## Day 0

title-today = Die Nachpflege hat begonnen
body-today = Die Anweisungen Ihrer Behandlerin oder Ihres Behandlers haben Vorrang; diese Erinnerungen folgen einem typischen Plan nach nicht-ablativem Laser oder IPL. Wärme und Rötung wie bei einem Sonnenbrand sind anfangs normal. Halten Sie die Haut kühl, etwa 24 Stunden kein Make-up, vorerst kein heißes Duschen, keine Sauna, kein Whirlpool und kein Sport, und meiden Sie die Sonne.

title-cool = Haut kühlen
body-cool = Wenn sich die Haut heiß anfühlt: eine kühle Kompresse oder ein in ein sauberes Tuch gewickeltes Kühlpack, 10 bis 15 Minuten lang. Niemals Eis direkt auf die Haut.

title-first-cleanse = Sanfte Reinigung
body-first-cleanse = Lauwarmes Wasser und ein milder Reiniger, nur mit den Fingerspitzen, nicht rubbeln; trocken tupfen, dann eine milde Feuchtigkeitscreme. Duschen Sie kurz und lauwarm.

## The morning routine

title-summary = Ihre Nachpflege heute

title-makeup-ok = Make-up ist jetzt in der Regel möglich
body-makeup-ok = Es sind mindestens 24 Stunden vergangen: Make-up ist in der Regel wieder in Ordnung, wenn die Haut keine Blasen oder offenen Stellen hat. Verwenden Sie saubere Pinsel und entfernen Sie es sanft.

title-heat-ok = Heiß duschen und Sport
body-heat-ok = Es sind mindestens 48 Stunden vergangen: Heißes Duschen und schweißtreibender Sport sind in der Regel wieder in Ordnung, sobald die Rötung abgeklungen ist. Tragen Sie danach erneut Sonnenschutz auf.

title-sauna-ok = Sauna, Dampfbad und Schwimmen
body-sauna-ok = Es sind mindestens 72 Stunden vergangen: Sauna, Dampfbad, Whirlpool und Schwimmbad sind in der Regel wieder in Ordnung, wenn sich Ihre Haut beruhigt hat. Noch gerötet oder geschwollen? Dann geben Sie ihr noch ein paar Tage.

title-actives-ok = Wirkstoffe, einer nach dem anderen
body-actives-ok = Es ist etwa eine Woche vergangen: Wenn sich Ihre Haut beruhigt hat, führen Sie Retinoide, AHA-/BHA-Säuren, Vitamin C und Körnchenpeelings wieder ein, eins nach dem anderen. Waxing oder andere Behandlungen an der Stelle: Fragen Sie zuerst Ihre Behandlerin oder Ihren Behandler.

title-morning-care = Reinigen und eincremen
body-morning-care = Sanft mit lauwarmem Wasser reinigen, trocken tupfen, dann eine milde, parfümfreie Feuchtigkeitscreme. Noch keine Retinoide, Säuren, Vitamin C oder Körnchenpeelings.
title-morning-care-after = Reinigen und eincremen
body-morning-care-after = Sanft mit lauwarmem Wasser reinigen, trocken tupfen, dann eine milde, parfümfreie Feuchtigkeitscreme.

title-sunscreen = Sonnenschutz
body-sunscreen = Breitband-Sonnenschutz mit LSF 30+; im Freien alle 2 Stunden und nach dem Schwitzen erneut auftragen. Sonne auf behandelter Haut kann dunkle Flecken hinterlassen: zusätzlich Schatten und ein Hut mit breiter Krempe.

title-hands-off = Finger weg
body-hands-off = Nach IPL werden behandelte Flecken oft dunkel wie Kaffeesatz und schuppen ab: im Gesicht in der Regel innerhalb von etwa 1 bis 2 Wochen; am Körper kann es länger dauern, bis zu mehreren Wochen. Nach einer Laserbehandlung kann sich die Haut rau anfühlen. Lassen Sie alles von selbst abfallen: nicht zupfen, nicht kratzen, auch wenn es juckt, nicht rubbeln, nicht peelen.

## The evening routine

title-check-in = Wie sieht Ihre Haut aus?
body-check-in = Etwas Rötung, Wärme, eine leichte Schwellung und Jucken sind für ein, zwei Tage normal. Blasen, Krusten oder Eiter, eine sich ausbreitende Rötung, Fieber, Lippenherpes oder zunehmende Schmerzen: Rufen Sie noch heute Abend die Nummer Ihrer Praxis für außerhalb der Sprechzeiten an, oder wenden Sie sich an eine Notfallpraxis oder den ärztlichen Bereitschaftsdienst. Augenschmerzen oder jede Veränderung der Sicht: noch heute Abend in eine Notfallpraxis oder die Notaufnahme einer Augenklinik. Eine Schwellung, die nach 48 Stunden schlimmer wird, oder Flecken, die heller oder dunkler als Ihre Haut sind: Rufen Sie morgen früh Ihre Behandlerin oder Ihren Behandler an.
deferred-body-check-in = Etwas Rötung, Wärme, eine leichte Schwellung und Jucken sind für ein, zwei Tage normal. Blasen, Krusten oder Eiter, eine sich ausbreitende Rötung, Fieber, Lippenherpes oder zunehmende Schmerzen: Rufen Sie sofort die Nummer Ihrer Praxis für außerhalb der Sprechzeiten an, oder wenden Sie sich an eine Notfallpraxis oder den ärztlichen Bereitschaftsdienst. Augenschmerzen oder jede Veränderung der Sicht: sofort in eine Notfallpraxis oder die Notaufnahme einer Augenklinik. Eine Schwellung, die nach 48 Stunden schlimmer wird, oder Flecken, die heller oder dunkler als Ihre Haut sind: Rufen Sie Ihre Behandlerin oder Ihren Behandler an.

title-evening-care = Reinigen und eincremen
body-evening-care = Vor dem Schlafengehen: sanft mit lauwarmem Wasser reinigen, trocken tupfen, dann Ihre Feuchtigkeitscreme. Ein frischer Kissenbezug hilft.

## Days 8-14

title-sunscreen-daily = Täglicher Sonnenschutz
body-sunscreen-daily = Jeden Morgen Breitband-Sonnenschutz mit LSF 30+, solange sich Ihre Haut noch erholt; wenn Sie im Freien sind, erneut auftragen.

title-wrap-up = Nachpflege abgeschlossen
body-wrap-up = Gut gemacht: Die zusätzliche Pflege ist vorbei. Bleiben Sie mindestens 4 bis 6 Wochen nach der Behandlung beim täglichen Sonnenschutz mit LSF 30+, oder länger, wenn es Ihnen empfohlen wird; Sonne auf behandelter Haut kann noch dunkle Flecken hinterlassen. Laser und IPL werden oft als Reihe im Abstand von einigen Wochen gemacht: Fragen Sie in Ihrer Praxis, wann Ihre nächste Sitzung ansteht. Hellere oder dunklere Flecken in den kommenden Wochen zeigen Sie am besten Ihrer Behandlerin oder Ihrem Behandler.

## What is usually normal on which days (for the morning summary)

healing-0-1 = Rötung, Wärme, leichte Schwellung und etwas Jucken, wie bei einem Sonnenbrand.
healing-2-4 = Die Rötung lässt nach; die Haut kann sich trocken oder rau anfühlen, und behandelte Flecken können nachdunkeln.
healing-5-7 = Nachgedunkelte Flecken schuppen ab; die Haut ist größtenteils beruhigt.
healing-8-14 = Die Haut ist beruhigt, aber Sonne kann auf ihr noch dunkle Flecken hinterlassen.

## What each milestone allows again (a noun phrase in the morning summary)
allows-makeup-ok = Make-up
allows-heat-ok = heiße Duschen und schweißtreibender Sport
allows-sauna-ok = Sauna, Dampfbad, Whirlpool und Schwimmen
allows-actives-ok = Retinoide, Säuren, Körnchenpeelings und Vitamin C

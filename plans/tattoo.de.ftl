# German translation of plans/tattoo.toml (plan = "tattoo").
# Keys: description, title-RULE, body-RULE, allows-RULE, healing-RANGE (the [healing] key, "," written "_").
# Keep the meaning exact; the artist's instructions come first.
# Terms: artist = "Ihre Tätowiererin oder Ihr Tätowierer"; doctor = "eine Ärztin oder ein Arzt";
# aftercare = Nachpflege; wrap = Abdeckung, film = Heilfolie; ointment = Salbe; SPF = LSF; usually = in der Regel.

description = Neues Tattoo: zwei Wochen lang zwei- bis dreimal täglich waschen und dünn Salbe auftragen, kein Baden, keine Sonne
complete = Das war die letzte Erinnerung Ihres Tattoo-Plans. Bis das Tattoo vollständig abgeheilt ist: sauber halten, eincremen und vor der Sonne schützen; danach in der Sonne LSF 30+ darauf. Die Empfehlungen Ihrer Tätowiererin oder Ihres Tätowierers haben Vorrang.
nothing-off-limits = Es gibt keine Einschränkungen mehr, sobald das Tattoo vollständig abgeheilt ist; bis dahin kein Baden und keine Sonne darauf.

## Day 0

title-today = Die Nachpflege hat begonnen
body-today = Die Anweisungen Ihrer Tätowiererin oder Ihres Tätowierers haben Vorrang; diese Erinnerungen folgen einem typischen Plan. Lassen Sie die Abdeckung oder Heilfolie so lange auf der Haut, wie es Ihnen im Studio gesagt wurde. Waschen Sie sich die Hände, bevor Sie das Tattoo berühren. Kein Schwimmen, kein Baden, kein Whirlpool und keine Sonne auf dem Tattoo, bis es abgeheilt ist.

title-first-wash = Erstes Waschen
body-first-wash = Wenn Ihre Tätowiererin oder Ihr Tätowierer gesagt hat, dass die Abdeckung jetzt abgenommen werden darf: Waschen Sie das Tattoo sanft mit lauwarmem Wasser und einer milden, parfümfreien Seife, mit sauberen Händen und ohne Waschlappen. Mit einem sauberen Papiertuch trocken tupfen, dann eine dünne Schicht der Salbe, die Ihnen im Studio empfohlen wurde. Eine Heilfolie, die mehrere Tage bleiben soll, bleibt auf der Haut.

title-night-care = Vor dem Schlafengehen
body-night-care = Sanft waschen, wenn es sich klebrig anfühlt, trocken tupfen und eine dünne Schicht Salbe. Frische Bettwäsche und lockere Kleidung; versuchen Sie, nicht darauf zu schlafen.

## The morning routine

title-summary = Ihre Tattoo-Pflege heute

title-exercise-ok = Sport, aber behutsam
body-exercise-ok = Es sind mindestens 48 Stunden vergangen: Sport ist in der Regel wieder in Ordnung, wenn nichts am Tattoo reibt. Wischen Sie gemeinsam genutzte Geräte ab, tragen Sie lockere Kleidung darüber und waschen Sie das Tattoo danach sanft.

title-swim-ok = Schwimmen, nach dem Abheilen
body-swim-ok = Zwei Wochen sind vorbei: Schwimmen, Baden und Whirlpool sind in der Regel wieder in Ordnung, sobald das Tattoo vollständig abgeheilt ist, oft nach etwa 2 bis 4 Wochen. Nicht, solange es noch verkrustet ist, sich schält oder glänzt: Warten Sie, und fragen Sie im Zweifel Ihre Tätowiererin oder Ihren Tätowierer. Halten Sie es noch einige Wochen aus starker Sonne heraus, und tragen Sie nach dem Abheilen in der Sonne LSF 30+ darauf auf.

title-morning-care = Waschen, dann dünn eincremen
body-morning-care = Waschen Sie das Tattoo sanft mit lauwarmem Wasser und parfümfreier Seife, tupfen Sie es trocken, dann eine dünne Schicht Salbe: ein Hauch, keine dicke Schicht. Sobald es schuppt, übernimmt in der Regel eine parfümfreie Lotion, so wie Ihre Tätowiererin oder Ihr Tätowierer es empfiehlt.

title-midday-care = Dünn eincremen, falls es trocken ist
body-midday-care = Wenn das Tattoo spannt oder sich trocken anfühlt, waschen Sie sich die Hände und tragen Sie eine dünne Schicht auf. Halten Sie es von der Sonne fern: lockere Kleidung darüber und noch kein Sonnenschutzmittel auf die heilende Haut.

title-no-picking = Finger weg
body-no-picking = Schuppen, Schälen und Jucken sind jetzt normal. Die Krusten nicht abzupfen, aufkratzen oder abziehen: Das kann Farbe herauslösen und Narben hinterlassen. Gegen den Juckreiz eine kühle Kompresse oder eine dünne Schicht Lotion.

## The evening routine

title-check-in = Wie sieht Ihr Tattoo aus?
body-check-in = Rötung, Schwellung, Druckempfindlichkeit und etwas austretende klare Flüssigkeit oder Farbe sind in den ersten Tagen normal. Eiter, eine sich ausbreitende oder streifenförmige Rötung, zunehmende Wärme oder Schmerzen, Fieber oder Schüttelfrost: Rufen Sie noch heute Abend eine Ärztin oder einen Arzt an, oder wenden Sie sich an eine Notfallpraxis oder den ärztlichen Bereitschaftsdienst. Juckende, erhabene Knötchen nur dort, wo eine bestimmte Farbe gestochen ist, oder ein Ausschlag, der anhält: Sagen Sie es Ihrer Tätowiererin oder Ihrem Tätowierer und gehen Sie zu einer Ärztin oder einem Arzt.
deferred-body-check-in = Rötung, Schwellung, Druckempfindlichkeit und etwas austretende klare Flüssigkeit oder Farbe sind in den ersten Tagen normal. Eiter, eine sich ausbreitende oder streifenförmige Rötung, zunehmende Wärme oder Schmerzen, Fieber oder Schüttelfrost: Rufen Sie sofort eine Ärztin oder einen Arzt an, oder wenden Sie sich an eine Notfallpraxis oder den ärztlichen Bereitschaftsdienst. Juckende, erhabene Knötchen nur dort, wo eine bestimmte Farbe gestochen ist, oder ein Ausschlag, der anhält: Sagen Sie es Ihrer Tätowiererin oder Ihrem Tätowierer und gehen Sie zu einer Ärztin oder einem Arzt.

title-evening-care = Waschen, dann dünn eincremen
body-evening-care = Vor dem Schlafengehen: sanft waschen, trocken tupfen, dünn eincremen. Kurzes Duschen ist in Ordnung, aber nicht baden. Frische Bettwäsche und lockere Kleidung helfen.

## The end

title-wrap-up = Tägliche Pflege abgeschlossen
body-wrap-up = Die zwei Wochen tägliche Pflege sind vorbei. Die Oberfläche heilt in der Regel in 2 bis 4 Wochen ab, die Haut darunter kann länger brauchen: Cremen Sie das Tattoo ein, solange es trocken ist, und nach dem Abheilen erhält LSF 30+ auf dem Tattoo in der Sonne die Farben. Einen Knoten, einen Ausschlag oder Juckreiz, der nicht weggeht, zeigen Sie am besten einer Ärztin oder einem Arzt.

## What is usually normal on which days (for the morning summary)

healing-0-3 = Rötung, Schwellung und Druckempfindlichkeit; klare Flüssigkeit oder etwas Farbe kann austreten.
healing-4-7 = leichte Krusten und Schuppen; Juckreiz ist häufig.
healing-8-14 = Das Schuppen lässt nach; das Tattoo kann milchig oder matt aussehen, während sich neue Haut bildet.
healing-15 = Die Oberfläche ist größtenteils abgeheilt; die Haut darunter kann länger brauchen.

## What each milestone allows again (a noun phrase in the morning summary)
allows-exercise-ok = Sport
allows-swim-ok = Schwimmen, Vollbäder und Whirlpool

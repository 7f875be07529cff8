# French translation of plans/tattoo.toml (plan = "tattoo").
# Keys: description, title-RULE, body-RULE, allows-RULE, healing-RANGE (the [healing] key, "," written "_").
# Keep the meaning exact; the artist's instructions come first.
# Terms: artist = "votre tatoueur"; doctor = "un médecin"; aftercare = soins du tatouage;
# wrap = pansement, film = film protecteur; ointment = pommade; SPF = SPF; usually = en général; formal "vous".
# Typography: a no-break space (U+00A0) before : ; ? ! and %.

description = Nouveau tatouage : lavage et fine couche de pommade deux ou trois fois par jour pendant deux semaines, pas d’immersion dans l’eau, pas de soleil
complete = C’était le dernier rappel de votre plan de soins du tatouage. Jusqu’à cicatrisation complète, gardez-le propre, hydraté et à l’abri du soleil ; ensuite, un SPF 30+ dessus au soleil. Les conseils de votre tatoueur priment.
nothing-off-limits = Plus aucune restriction une fois le tatouage complètement cicatrisé ; d’ici là, pas d’immersion dans l’eau ni de soleil dessus.

## Day 0

title-today = Les soins du tatouage commencent
body-today = Les consignes de votre tatoueur priment ; ces rappels suivent un protocole type. Gardez le pansement ou le film protecteur aussi longtemps que votre tatoueur l’a indiqué. Lavez-vous les mains avant de toucher le tatouage. Ni baignade, ni bain, ni jacuzzi, et pas de soleil sur le tatouage, jusqu’à ce qu’il soit cicatrisé.

title-first-wash = Premier lavage
body-first-wash = Si votre tatoueur vous a dit que le pansement pouvait être retiré maintenant : lavez le tatouage en douceur à l’eau tiède avec un savon doux sans parfum, les mains propres et sans gant de toilette. Séchez en tamponnant avec de l’essuie-tout propre, puis une fine couche de la pommade recommandée par votre tatoueur. Un film prévu pour rester plusieurs jours reste en place.

title-night-care = Avant le coucher
body-night-care = Un lavage doux s’il colle, séchez en tamponnant et une fine couche de pommade. Draps propres et vêtements amples ; essayez de ne pas dormir dessus.

## The morning routine

title-summary = les soins du jour pour votre tatouage

title-exercise-ok = Le sport, en douceur
body-exercise-ok = Au moins 48 heures se sont écoulées : le sport est en général de nouveau possible si rien ne frotte sur le tatouage. Essuyez le matériel partagé, portez des vêtements amples par-dessus et lavez le tatouage en douceur après.

title-swim-ok = Baignade, une fois cicatrisé
body-swim-ok = Deux semaines ont passé : la baignade, les bains et le jacuzzi sont en général de nouveau possibles une fois le tatouage complètement cicatrisé, souvent au bout de 2 à 4 semaines environ. Pas tant qu’il a encore des croûtes, qu’il pèle ou qu’il brille : attendez et, en cas de doute, demandez à votre tatoueur. Gardez-le à l’abri du soleil fort quelques semaines de plus et, une fois qu’il est cicatrisé, appliquez-y un SPF 30+ au soleil.

title-morning-care = Lavez, puis une fine couche
body-morning-care = Lavez le tatouage en douceur à l’eau tiède avec un savon sans parfum, séchez en tamponnant, puis une fine couche de pommade : un voile, pas une couche épaisse. Quand il desquame, une lotion sans parfum prend en général le relais, selon les conseils de votre tatoueur.

title-midday-care = Une fine couche, s’il est sec
body-midday-care = Si le tatouage tiraille ou semble sec, lavez-vous les mains et appliquez une fine couche. Gardez-le à l’abri du soleil : des vêtements amples par-dessus, et pas encore de protection solaire sur la peau en cicatrisation.

title-no-picking = Ne touchez pas au tatouage
body-no-picking = Desquamation, peau qui pèle et démangeaisons sont normales à ce stade. N’arrachez pas, ne grattez pas et ne décollez pas les croûtes : cela peut retirer de l’encre et laisser des cicatrices. Contre les démangeaisons, une compresse fraîche ou une fine couche de lotion.

## The evening routine

title-check-in = Comment va votre tatouage ?
body-check-in = Rougeur, gonflement, sensibilité et un léger suintement de liquide clair ou d’encre sont normaux les premiers jours. Pus, rougeur qui s’étend ou forme des traînées, chaleur ou douleur qui augmente, fièvre ou frissons : appelez dès ce soir un médecin, ou bien un centre de soins non programmés ou un médecin de garde. Petites bosses en relief qui démangent, uniquement là où se trouve une couleur d’encre précise, ou éruption qui persiste : prévenez votre tatoueur et consultez un médecin.
deferred-body-check-in = Rougeur, gonflement, sensibilité et un léger suintement de liquide clair ou d’encre sont normaux les premiers jours. Pus, rougeur qui s’étend ou forme des traînées, chaleur ou douleur qui augmente, fièvre ou frissons : appelez sans attendre un médecin, ou bien un centre de soins non programmés ou un médecin de garde. Petites bosses en relief qui démangent, uniquement là où se trouve une couleur d’encre précise, ou éruption qui persiste : prévenez votre tatoueur et consultez un médecin.

title-evening-care = Lavez, puis une fine couche
body-evening-care = Avant le coucher : un lavage doux, séchez en tamponnant, une fine couche. Les douches courtes sont possibles ; pas d’immersion dans l’eau. Des draps propres et des vêtements amples aident.

## The end

title-wrap-up = Fin des soins quotidiens
body-wrap-up = Les deux semaines de soins quotidiens sont terminées. La surface cicatrise en général en 2 à 4 semaines et la peau en dessous peut mettre plus longtemps : continuez à hydrater le tatouage tant qu’il est sec et, une fois qu’il est cicatrisé, un SPF 30+ dessus au soleil préserve les couleurs. Une bosse, une éruption ou des démangeaisons qui ne disparaissent pas méritent d’être montrées à un médecin.

## What is usually normal on which days (for the morning summary)

healing-0-3 = rougeur, gonflement et sensibilité ; du liquide clair ou un peu d’encre peut suinter.
healing-4-7 = fines croûtes et desquamation ; les démangeaisons sont fréquentes.
healing-8-14 = la desquamation diminue ; le tatouage peut sembler laiteux ou terne pendant que la nouvelle peau se forme.
healing-15 = la surface est en grande partie cicatrisée ; la peau en dessous peut mettre plus longtemps.

## What each milestone allows again (a noun phrase in the morning summary)
allows-exercise-ok = sport
allows-swim-ok = baignade, bains et jacuzzi

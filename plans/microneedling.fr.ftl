# French translation of plans/microneedling.toml (plan = "microneedling").
# Keys: description, title-RULE, body-RULE, allows-RULE, healing-RANGE (the [healing] key, "," written "_").
# Keep the meaning exact; the practitioner's instructions come first.
# Terms: practitioner = "votre praticien"; aftercare = soins post-traitement;
# sunscreen = protection solaire, SPF = SPF; actives = actifs; usually = en général; formal "vous".
# Typography: a no-break space (U+00A0) before : ; ? ! and %.

description = Microneedling en clinique (le plan par défaut) : deux semaines de soins doux, de protection solaire et d’étapes clés
complete = C’était le dernier rappel de votre plan de soins après microneedling. Gardez une protection solaire SPF 30+ au quotidien et suivez désormais les conseils de votre praticien.
nothing-off-limits = Plus aucune restriction ; continuez à appliquer une protection solaire chaque jour.

## Day 0

title-today = Les soins post-traitement commencent
body-today = Les consignes de votre praticien priment ; ces rappels suivent un protocole type. Ne touchez pas à la peau traitée et ne la grattez pas, même si elle démange. Pas de maquillage pendant environ 24 heures, et pour l’instant ni sport, ni sauna, ni piscine, ni douche chaude. Tant que les rappels de protection solaire n’ont pas commencé, préférez l’ombre et un chapeau à la protection solaire sur la peau fraîchement traitée.

title-first-rinse = Premier rinçage en douceur
body-first-rinse = Rincez à l’eau tiède, du bout des doigts uniquement, puis séchez en tamponnant avec une serviette propre. Sans frotter.

title-hydrate = Hydratez votre peau
body-hydrate = Les mains propres, appliquez en tapotant le gel ou le sérum post-traitement que votre praticien vous a remis.

## The morning routine

title-summary = vos soins post-traitement du jour

title-makeup-ok = Maquillage : minéral uniquement, si besoin
body-makeup-ok = Au moins 24 heures se sont écoulées : un maquillage minéral appliqué avec des pinceaux propres est en général possible désormais. Une peau sans maquillage reste toutefois l’option la plus douce.

title-exercise-ok = Vous pouvez en général reprendre le sport
body-exercise-ok = Au moins 72 heures se sont écoulées : le sport qui fait transpirer est en général de nouveau possible si votre peau est apaisée. Rincez-vous ensuite et réappliquez votre protection solaire.

title-pool-ok = Piscine, sauna et hammam
body-pool-ok = Au moins 4 jours se sont écoulés : la piscine, le sauna et le hammam sont en général de nouveau possibles si votre peau est apaisée.

title-actives-ok = Les actifs, un par un
body-actives-ok = Plus de rougeurs ni de desquamation ? Vous pouvez réintroduire les rétinoïdes, les acides et la vitamine C, un produit à la fois. Si votre peau est encore irritée, attendez quelques jours de plus.

title-morning-care = Nettoyez et hydratez
body-morning-care = Un nettoyage doux à l’eau tiède, du bout des doigts, sans frotter ; séchez en tamponnant, puis une crème hydratante légère et non comédogène approuvée par votre praticien. Pas encore d’actifs.
title-morning-care-after = Nettoyez et hydratez
body-morning-care-after = Un nettoyage doux à l’eau tiède, du bout des doigts, sans frotter ; séchez en tamponnant, puis votre crème hydratante légère et non comédogène.

title-sunscreen = Protection solaire
body-sunscreen = Protection solaire minérale SPF 30+ (oxyde de zinc ou dioxyde de titane), à réappliquer toutes les 2 heures à l’extérieur et après avoir transpiré. Évitez le soleil fort ; l’ombre et un chapeau aident.

title-no-picking = Ne touchez pas à votre peau
body-no-picking = La desquamation et les démangeaisons sont normales : c’est le signe que votre peau cicatrise. N’arrachez pas les petites peaux, ne grattez pas et ne frottez pas ; laissez-les tomber d’elles-mêmes.

## The evening routine

title-check-in = Comment va votre peau ?
body-check-in = Un peu de rougeur ou de gonflement, des démangeaisons ou une sensation de brûlure légères, c’est normal au début. Pus ou croûtes jaunes, rougeur qui s’étend, fièvre, cloques ou boutons de fièvre, ou douleur qui augmente : appelez dès ce soir le numéro de permanence de votre praticien, ou bien un centre de soins non programmés ou un médecin de garde. Rougeur ou gonflement qui s’aggrave après 48 heures, ou qui persiste au jour 5 : appelez demain matin votre praticien ou un dermatologue.
deferred-body-check-in = Un peu de rougeur ou de gonflement, des démangeaisons ou une sensation de brûlure légères, c’est normal au début. Pus ou croûtes jaunes, rougeur qui s’étend, fièvre, cloques ou boutons de fièvre, ou douleur qui augmente : appelez sans attendre le numéro de permanence de votre praticien, ou bien un centre de soins non programmés ou un médecin de garde. Rougeur ou gonflement qui s’aggrave après 48 heures, ou qui persiste au jour 5 : appelez votre praticien ou un dermatologue.

title-evening-care = Nettoyez et hydratez
body-evening-care = Avant le coucher : un nettoyage doux à l’eau tiède, séchez en tamponnant, puis votre crème hydratante légère et non comédogène. Une taie d’oreiller propre aide.

## Days 8-14

title-sunscreen-daily = Protection solaire quotidienne
body-sunscreen-daily = Protection solaire minérale SPF 30+ chaque matin, le temps que votre peau se stabilise ; réappliquez-la quand vous êtes à l’extérieur.

title-wrap-up = Soins post-traitement terminés
body-wrap-up = Bravo : les soins renforcés sont terminés. Gardez une protection solaire au quotidien ; si vous suivez une série de séances, la prochaine a en général lieu 4 à 6 semaines après celle-ci. De nouvelles petites bosses, une éruption ou des taches foncées dans les semaines à venir méritent d’être montrées à votre praticien ou à un dermatologue.

## What is usually normal on which days (for the morning summary)

healing-0-1 = rougeur, chaleur et tiraillement, comme un léger coup de soleil ; un peu de gonflement, des démangeaisons ou une sensation de brûlure, en général légers, qui disparaissent en quelques jours.
healing-2-4 = la rougeur et le gonflement s’estompent ; sécheresse, légère desquamation et quelques démangeaisons peuvent apparaître.
healing-5-7 = la desquamation diminue ; la peau peut sembler un peu rugueuse ou terne.
healing-8-14 = la peau est en grande partie apaisée, mais prend encore des coups de soleil plus facilement que d’habitude.

## What each milestone allows again (a noun phrase in the morning summary)
allows-makeup-ok = maquillage
allows-exercise-ok = sport intense qui fait transpirer
allows-pool-ok = piscine, sauna et hammam
allows-actives-ok = rétinoïdes, acides et vitamine C

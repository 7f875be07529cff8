# French translation of plans/laser.toml (plan = "laser").
# Keys: description, title-RULE, body-RULE, allows-RULE, healing-RANGE (the [healing] key, "," written "_").
# Keep the meaning exact; the practitioner's instructions come first.
# Terms: practitioner = "votre praticien"; aftercare = soins post-traitement;
# sunscreen = protection solaire, SPF = SPF; actives = actifs; usually = en général; formal "vous"; scrub = gommage.
# Typography: a no-break space (U+00A0) before : ; ? ! and %.

description = Laser non ablatif ou IPL : refroidir la peau, protection solaire stricte, pas de chaleur pendant quelques jours, maquillage après environ 24 heures
complete = C’était le dernier rappel de votre plan de soins après laser. Gardez une protection solaire SPF 30+ au quotidien aussi longtemps que votre praticien l’a conseillé, et suivez désormais ses conseils.
nothing-off-limits = Plus aucune restriction ; gardez une protection solaire SPF 30+ au quotidien.

## Day 0

title-today = Les soins post-traitement commencent
body-today = Les consignes de votre praticien priment ; ces rappels suivent un protocole type après un laser non ablatif ou une IPL. Une sensation de chaleur et une rougeur comme un coup de soleil sont normales au début. Gardez la peau au frais, pas de maquillage pendant environ 24 heures, pour l’instant ni douche chaude, ni sauna, ni jacuzzi, ni sport, et évitez le soleil.

title-cool = Rafraîchissez la peau
body-cool = Si la peau chauffe : une compresse fraîche, ou une poche de froid enveloppée dans un linge propre, pendant 10 à 15 minutes. Jamais de glace directement sur la peau.

title-first-cleanse = Un nettoyage en douceur
body-first-cleanse = Eau tiède et nettoyant doux, du bout des doigts uniquement, sans frotter ; séchez en tamponnant, puis une crème hydratante douce. Prenez des douches courtes et tièdes.

## The morning routine

title-summary = vos soins post-traitement du jour

title-makeup-ok = Le maquillage est en général possible
body-makeup-ok = Au moins 24 heures se sont écoulées : le maquillage est en général de nouveau possible si la peau ne présente ni cloques ni plaies. Utilisez des pinceaux propres et démaquillez-vous en douceur.

title-heat-ok = Douches chaudes et sport
body-heat-ok = Au moins 48 heures se sont écoulées : les douches chaudes et le sport qui fait transpirer sont en général de nouveau possibles une fois la rougeur calmée. Réappliquez ensuite votre protection solaire.

title-sauna-ok = Sauna, hammam et baignade
body-sauna-ok = Au moins 72 heures se sont écoulées : le sauna, le hammam, le jacuzzi et la piscine sont en général de nouveau possibles si votre peau est apaisée. Encore rouge ou gonflée ? Laissez-lui quelques jours de plus.

title-actives-ok = Les actifs, un par un
body-actives-ok = Environ une semaine s’est écoulée : si votre peau est apaisée, réintroduisez les rétinoïdes, les acides AHA/BHA, la vitamine C et les gommages un par un. Épilation à la cire ou autres soins sur la zone : demandez d’abord l’avis de votre praticien.

title-morning-care = Nettoyez et hydratez
body-morning-care = Un nettoyage doux à l’eau tiède, séchez en tamponnant, puis une crème hydratante douce et sans parfum. Pas encore de rétinoïdes, d’acides, de vitamine C ni de gommages.
title-morning-care-after = Nettoyez et hydratez
body-morning-care-after = Un nettoyage doux à l’eau tiède, séchez en tamponnant, puis une crème hydratante douce et sans parfum.

title-sunscreen = Protection solaire
body-sunscreen = Protection solaire à large spectre SPF 30+, réappliquée toutes les 2 heures à l’extérieur et après avoir transpiré. Le soleil sur la peau traitée peut laisser des taches foncées : ajoutez l’ombre et un chapeau à larges bords.

title-hands-off = Ne touchez pas à votre peau
body-hands-off = Après une IPL, les taches traitées foncent souvent comme du marc de café, puis tombent : sur le visage, en général en 1 à 2 semaines environ ; sur le corps, cela peut prendre plus longtemps, jusqu’à plusieurs semaines. Après un laser, la peau peut sembler rugueuse. Laissez-les partir d’elles-mêmes : n’y touchez pas, ne grattez pas même si cela démange, ne frottez pas, n’exfoliez pas.

## The evening routine

title-check-in = Comment va votre peau ?
body-check-in = Un peu de rougeur, de chaleur, un léger gonflement et des démangeaisons sont normaux pendant un jour ou deux. Cloques, croûtes ou pus, rougeur qui s’étend, fièvre, boutons de fièvre, ou douleur qui augmente : appelez dès ce soir le numéro de permanence de votre praticien, ou bien un centre de soins non programmés ou un médecin de garde. Douleur à l’œil ou tout changement de la vision : dès ce soir, un service d’urgences ou des urgences ophtalmologiques. Gonflement qui s’aggrave après 48 heures, ou taches plus claires ou plus foncées que votre peau : appelez votre praticien demain matin.
deferred-body-check-in = Un peu de rougeur, de chaleur, un léger gonflement et des démangeaisons sont normaux pendant un jour ou deux. Cloques, croûtes ou pus, rougeur qui s’étend, fièvre, boutons de fièvre, ou douleur qui augmente : appelez sans attendre le numéro de permanence de votre praticien, ou bien un centre de soins non programmés ou un médecin de garde. Douleur à l’œil ou tout changement de la vision : sans attendre, un service d’urgences ou des urgences ophtalmologiques. Gonflement qui s’aggrave après 48 heures, ou taches plus claires ou plus foncées que votre peau : appelez votre praticien.

title-evening-care = Nettoyez et hydratez
body-evening-care = Avant le coucher : un nettoyage doux à l’eau tiède, séchez en tamponnant, puis votre crème hydratante. Une taie d’oreiller propre aide.

## Days 8-14

title-sunscreen-daily = Protection solaire quotidienne
body-sunscreen-daily = Protection solaire à large spectre SPF 30+ chaque matin, le temps que votre peau se stabilise ; réappliquez-la quand vous êtes à l’extérieur.

title-wrap-up = Soins post-traitement terminés
body-wrap-up = Bravo : les soins renforcés sont terminés. Gardez une protection solaire SPF 30+ au quotidien pendant au moins 4 à 6 semaines après le traitement, ou plus longtemps si votre praticien le conseille ; le soleil sur la peau traitée peut encore laisser des taches foncées. Le laser et l’IPL se font souvent en série, à quelques semaines d’intervalle : demandez à votre praticien quand aura lieu votre prochaine séance. Des taches plus claires ou plus foncées dans les semaines à venir méritent de lui être montrées.

## What is usually normal on which days (for the morning summary)

healing-0-1 = rougeur, chaleur, léger gonflement et quelques démangeaisons, comme un coup de soleil.
healing-2-4 = la rougeur s’estompe ; la peau peut sembler sèche ou rugueuse, et les taches traitées peuvent foncer.
healing-5-7 = les taches foncées tombent ; la peau est en grande partie apaisée.
healing-8-14 = la peau est apaisée, mais le soleil peut encore y laisser des taches foncées.

## What each milestone allows again (a noun phrase in the morning summary)
allows-makeup-ok = maquillage
allows-heat-ok = douches chaudes et sport intense qui fait transpirer
allows-sauna-ok = sauna, hammam, jacuzzi et baignade
allows-actives-ok = rétinoïdes, acides, gommages et vitamine C

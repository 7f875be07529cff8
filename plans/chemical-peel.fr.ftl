# French translation of plans/chemical-peel.toml (plan = "chemical-peel").
# Keys: description, title-RULE, body-RULE, allows-RULE, healing-RANGE (the [healing] key, "," written "_").
# Keep the meaning exact; the practitioner's instructions come first.
# Terms: practitioner = "votre praticien"; aftercare = soins post-traitement;
# sunscreen = protection solaire, SPF = SPF; actives = actifs; usually = en général; formal "vous";
# light/medium peel = peeling superficiel/moyen; the skin peeling = desquamation, peler; scrub = gommage.
# Typography: a no-break space (U+00A0) before : ; ? ! and %.

description = Peeling chimique superficiel ou moyen : ne pas toucher la peau qui pèle, protection solaire stricte, pas d’actifs pendant environ une semaine
complete = C’était le dernier rappel de votre plan de soins après peeling. Continuez à protéger la nouvelle peau du soleil comme votre praticien vous l’a conseillé, et suivez désormais ses conseils.
nothing-off-limits = Plus aucune restriction ; continuez à protéger la nouvelle peau du soleil.

## Day 0

title-today = Les soins post-traitement commencent
body-today = Les consignes de votre praticien priment ; ces rappels suivent un protocole type pour un peeling superficiel ou moyen. Certains peelings restent en place un nombre d’heures défini : ne rincez le vôtre qu’au moment indiqué par votre praticien. Pour l’instant : pas de maquillage, pas de frottement, pas de sport, de sauna, de piscine ni de douche chaude ; l’ombre, un chapeau et la protection solaire appliquée ou approuvée par votre praticien.

title-first-cleanse = Premier nettoyage en douceur
body-first-cleanse = Sauf si votre praticien vous a demandé de garder le peeling plus longtemps : eau tiède et nettoyant doux sans savon, du bout des doigts uniquement, sans gant de toilette ni gommage. Séchez en tamponnant, puis une fine couche d’une crème hydratante neutre.

title-soothe = Apaisez la peau qui tiraille
body-soothe = Si votre peau tiraille ou chauffe : une fine couche de la crème hydratante neutre approuvée par votre praticien, ou un linge propre, frais et humide pendant quelques minutes. Pas de glace directement sur la peau.

## The morning routine

title-summary = vos soins post-traitement du jour

title-makeup-ok = Maquillage, après un peeling superficiel
body-makeup-ok = Au moins 24 heures se sont écoulées : après un peeling superficiel, un maquillage minéral doux appliqué avec des pinceaux propres est en général possible si la peau n’est ni à vif ni couverte de croûtes. Après un peeling moyen, attendez l’accord de votre praticien, souvent au bout d’environ 10 jours, une fois la nouvelle peau formée. Une peau sans maquillage est l’option la plus douce.

title-exercise-ok = Vous pouvez en général reprendre le sport
body-exercise-ok = Au moins 72 heures se sont écoulées : le sport qui fait transpirer est en général de nouveau possible si votre peau est apaisée. Rincez-vous ensuite en douceur et réappliquez votre protection solaire ; la transpiration sur une peau qui pèle peut piquer.

title-heat-ok = Piscine, sauna et hammam
body-heat-ok = Environ une semaine s’est écoulée : une fois que la peau ne pèle plus, la piscine, le sauna, le hammam et le jacuzzi sont en général de nouveau possibles. Elle pèle encore ? Laissez-lui quelques jours de plus.

title-actives-ok = Les actifs, un par un
body-actives-ok = La desquamation est terminée, sans picotements ni rougeurs ? Réintroduisez les rétinoïdes, les acides AHA/BHA, la vitamine C et les gommages un par un, à quelques jours d’intervalle. Peau encore rosée ou qui desquame : attendez quelques jours de plus. Cire, épilation au fil ou crèmes dépilatoires sur la peau traitée : demandez d’abord l’avis de votre praticien.

title-morning-care = Nettoyez et hydratez
body-morning-care = Un nettoyage doux à l’eau tiède, sans savon, du bout des doigts ; séchez en tamponnant, puis une crème hydratante neutre. Pas encore de rétinoïdes, d’acides, de gommages ni de vitamine C.
title-morning-care-after = Nettoyez et hydratez
body-morning-care-after = Un nettoyage doux à l’eau tiède, sans savon, du bout des doigts ; séchez en tamponnant, puis une crème hydratante neutre.

title-sunscreen = Protection solaire
body-sunscreen = Protection solaire à large spectre SPF 30+ (une minérale est souvent plus douce), réappliquée toutes les 2 heures à l’extérieur et après avoir transpiré. La nouvelle peau brûle et fonce facilement : ajoutez l’ombre et un chapeau à larges bords. Pas de protection solaire sur une peau à vif ou couverte de croûtes : couvrez-la et gardez-la à l’abri du soleil.

title-no-picking = Ne touchez pas à la peau qui pèle
body-no-picking = La desquamation et les démangeaisons sont normales : c’est le signe que le peeling agit. Ne triturez pas, ne tirez pas, ne grattez pas et ne frottez pas les petites peaux : cela peut laisser des cicatrices ou des taches foncées. La crème hydratante les aide à tomber d’elles-mêmes.

## The evening routine

title-check-in = Comment va votre peau ?
body-check-in = Tiraillements, rougeur, démangeaisons et desquamation sont normaux ; après un peeling moyen, la peau peut gonfler et foncer avant de peler. Pus ou croûtes jaunes, rougeur qui s’étend, fièvre, cloques ou boutons de fièvre, ou douleur qui augmente : appelez dès ce soir le numéro de permanence de votre praticien, ou bien un centre de soins non programmés ou un médecin de garde. Rougeur ou gonflement qui s’aggrave après 48 heures, zones à vif qui ne guérissent pas, ou nouvelles taches foncées : appelez votre praticien demain matin.
deferred-body-check-in = Tiraillements, rougeur, démangeaisons et desquamation sont normaux ; après un peeling moyen, la peau peut gonfler et foncer avant de peler. Pus ou croûtes jaunes, rougeur qui s’étend, fièvre, cloques ou boutons de fièvre, ou douleur qui augmente : appelez sans attendre le numéro de permanence de votre praticien, ou bien un centre de soins non programmés ou un médecin de garde. Rougeur ou gonflement qui s’aggrave après 48 heures, zones à vif qui ne guérissent pas, ou nouvelles taches foncées : appelez votre praticien.

title-evening-care = Nettoyez et hydratez
body-evening-care = Avant le coucher : un nettoyage doux à l’eau tiède, séchez en tamponnant, puis votre crème hydratante. Une taie d’oreiller propre aide.

## Days 8-14

title-sunscreen-daily = Protection solaire quotidienne
body-sunscreen-daily = Protection solaire à large spectre SPF 30+ chaque matin, le temps que la nouvelle peau se stabilise ; réappliquez-la quand vous êtes à l’extérieur. Le soleil sur une peau neuve peut laisser des taches foncées.

title-wrap-up = Soins post-traitement terminés
body-wrap-up = Bravo : les soins renforcés sont terminés. Continuez à protéger votre peau du soleil comme votre praticien vous le conseille : en général de façon stricte pendant au moins 6 semaines après le peeling (certains conseillent jusqu’à 3 mois), avec une protection solaire SPF 30+ chaque jour, l’ombre et un chapeau. Les peelings se font souvent en série, à quelques semaines d’intervalle : demandez à votre praticien quand aura lieu le prochain. Des taches foncées, une rougeur qui dure ou de nouvelles petites bosses dans les semaines à venir méritent de lui être montrées.

## What is usually normal on which days (for the morning summary)

healing-0-1 = rougeur, tiraillements, quelques démangeaisons et sensation de léger coup de soleil ; après un peeling moyen, la peau peut gonfler.
healing-2-5 = desquamation, avec de fines peaux après un peeling superficiel, des lambeaux plus grands et des taches plus foncées après un peeling moyen.
healing-6-7 = fin de la desquamation ; la nouvelle peau est rosée, lisse et sensible.
healing-8-14 = la nouvelle peau se stabilise ; elle brûle et fonce plus facilement que d’habitude.

## What each milestone allows again (a noun phrase in the morning summary)
allows-exercise-ok = sport intense qui fait transpirer
allows-heat-ok = piscine, sauna, hammam et jacuzzi
allows-actives-ok = rétinoïdes, acides, gommages et vitamine C

# French translation of plans/dermaroller.toml (plan = "dermaroller").
# Keys: description, title-RULE, body-RULE, allows-RULE, healing-RANGE (the [healing] key, "," written "_").
# Keep the meaning exact; the roller's instructions, and a practitioner's if there is one, come first.
# Terms: practitioner = "votre praticien"; doctor = "un médecin"; aftercare = soins post-traitement;
# roller = rouleau; sunscreen = protection solaire, SPF = SPF; actives = actifs; usually = en général; formal "vous".
# Typography: a no-break space (U+00A0) before : ; ? ! and %.

description = Dermaroller à domicile (aiguilles courtes) : quelques jours de soins doux, protection solaire et hygiène du rouleau
complete = C’était le dernier rappel de cette séance de rouleau. Gardez une protection solaire au quotidien et ne repassez le rouleau qu’une fois votre peau complètement rétablie, comme l’indiquent les instructions du rouleau.
nothing-off-limits = Plus aucune restriction ; continuez à appliquer une protection solaire chaque jour.

## Day 0

title-today = Les soins post-traitement commencent
body-today = Suivez les instructions de votre rouleau, et celles de votre praticien si vous en avez un. Un peu de rougeur pendant quelques heures est normal. Pendant les premières 24 heures, pas de maquillage ; ni actifs ni gommage tant que les rappels ne les autorisent pas de nouveau, seulement une crème hydratante ou un sérum simple et sans parfum. La protection solaire commence avec ses propres rappels.

title-clean-roller = Nettoyez votre rouleau
body-clean-roller = Rincez le rouleau sous l’eau chaude du robinet, puis, pendant quelques minutes, faites tremper la tête dans de l’alcool isopropylique à 70 % ou vaporisez-la avec cet alcool, laissez sécher à l’air libre et rangez le rouleau dans son étui. Ne partagez jamais un rouleau.

title-hydrate = Hydratez votre peau
body-hydrate = Les mains propres, une crème hydratante simple et sans parfum ou un sérum hyaluronique. Pas encore de produits contenant des acides, des rétinoïdes, de la vitamine C ou du parfum.

## The morning routine

title-summary = vos soins post-traitement du jour

title-makeup-ok = Le maquillage est en général possible
body-makeup-ok = Au moins 24 heures se sont écoulées : si votre peau est apaisée, le maquillage est en général de nouveau possible ; utilisez des pinceaux propres. Si les instructions de votre rouleau ou de votre praticien disent autre chose, suivez-les.

title-heat-ok = Sport, piscine et sauna
body-heat-ok = Au moins 48 heures se sont écoulées : le sport qui fait transpirer, la piscine et le sauna sont en général de nouveau possibles si votre peau est apaisée. Si les instructions de votre rouleau ou de votre praticien disent autre chose, suivez-les.

title-actives-ok = Les actifs, un par un
body-actives-ok = Au moins 3 jours se sont écoulés : si votre peau est apaisée, vous pouvez en général réintroduire les rétinoïdes, les acides, la vitamine C et les gommages un par un. Encore irritée ? Attendez quelques jours de plus et, la prochaine fois, passez le rouleau plus doucement ou moins souvent. Si les instructions de votre rouleau ou de votre praticien disent autre chose, suivez-les.

title-wrap-up = D’ici la prochaine fois
body-wrap-up = Rangez le rouleau au sec dans son étui. Remplacez-le après environ 10 à 15 utilisations, ou plus tôt si les aiguilles semblent tordues, émoussées ou rouillées. Ne passez pas le rouleau plus d’une fois par semaine, et seulement quand votre peau a complètement récupéré : un usage plus fréquent peut laisser des cicatrices ou des taches. Si les instructions de votre rouleau ou de votre praticien prévoient un intervalle plus long, suivez-les.

title-morning-care = Nettoyez et hydratez
body-morning-care = Eau tiède et nettoyant doux, séchez en tamponnant avec une serviette propre, puis une crème hydratante simple. Pas encore d’actifs.

title-sunscreen = Protection solaire
body-sunscreen = Protection solaire à large spectre SPF 30+ (une minérale est souvent plus douce pour une peau qui vient d’être traitée au rouleau) ; réappliquez-la toutes les 2 heures à l’extérieur.

## The evening routine

title-check-in = Comment va votre peau ?
body-check-in = La rougeur devrait s’estomper à présent. Pus, rougeur qui s’étend, fièvre ou douleur qui augmente : appelez dès ce soir un médecin, ou bien un centre de soins non programmés ou un médecin de garde. Rougeur, petites bosses ou éruption qui durent plus d’un ou deux jours, ou taches foncées : arrêtez le rouleau et montrez votre peau à un praticien ou à un dermatologue.
deferred-body-check-in = La rougeur devrait s’estomper à présent. Pus, rougeur qui s’étend, fièvre ou douleur qui augmente : appelez sans attendre un médecin, ou bien un centre de soins non programmés ou un médecin de garde. Rougeur, petites bosses ou éruption qui durent plus d’un ou deux jours, ou taches foncées : arrêtez le rouleau et montrez votre peau à un praticien ou à un dermatologue.

title-evening-care = Nettoyez et hydratez
body-evening-care = Avant le coucher : un nettoyage doux à l’eau tiède, séchez en tamponnant, puis votre crème hydratante. Une taie d’oreiller propre aide.

## What is usually normal on which days (for the morning summary)

healing-0 = rougeur et légère chaleur pendant quelques heures, comme un léger coup de soleil.
healing-1-2 = la peau est en grande partie apaisée ; elle peut sembler sèche ou un peu rugueuse.
healing-3-5 = la peau est revenue à la normale, même si elle peut encore prendre des coups de soleil plus facilement que d’habitude.

## What each milestone allows again (a noun phrase in the morning summary)
allows-makeup-ok = maquillage
allows-heat-ok = sport intense qui fait transpirer, piscine et sauna
allows-actives-ok = rétinoïdes, acides, gommages et vitamine C

# aftercare's own messages, French (vous).
#
# Same messages, attributes and $placeholders as en.ftl (checked by the
# completeness test). See i18n/README.md.

## Dates

weekday-mon = lun.
weekday-tue = mar.
weekday-wed = mer.
weekday-thu = jeu.
weekday-fri = ven.
weekday-sat = sam.
weekday-sun = dim.

month-1 = janv.
month-2 = févr.
month-3 = mars
month-4 = avr.
month-5 = mai
month-6 = juin
month-7 = juil.
month-8 = août
month-9 = sept.
month-10 = oct.
month-11 = nov.
month-12 = déc.

# "mar. 1er déc.", "mer. 2 déc."
date-short = { $weekday } { $day ->
        [1] 1er
       *[other] { $day }
    } { $month }
# a date more than a few months away: with its year
date-long = { $weekday } { $day ->
        [1] 1er
       *[other] { $day }
    } { $month } { $year }

## Notifications

button-done = Fait
button-snooze = Rappeler dans { $duration }
button-indoors = À l’intérieur aujourd’hui

group-title-separator = {" · "}
group-item = • { $title }
group-item-body = • { $title } — { $body }

complete-title = aftercare : plan terminé
complete-text = C’était le dernier rappel de votre plan de soins post-traitement. Suivez désormais les conseils qui vous ont été donnés.

config-error-title-none = aftercare : erreur de configuration — aucun rappel tant qu’elle n’est pas corrigée
config-error-title-last-good = aftercare : erreur de configuration — votre dernière configuration valide est utilisée
config-error-title-previous = aftercare : erreur de configuration — le programme précédent continue
config-error-body =
    { $error }
    Lancez `aftercare check` pour plus de détails.

test-title = Test d’aftercare
test-body = Si vous pouvez lire ceci, les rappels d’aftercare vous parviendront.

## Check-ins: the emergency line after a rule's body (`emergency = true`)

emergency-call = les secours
emergency-call-number = le { $number }
emergency-line = Gonflement des lèvres, de la langue ou de la gorge, plaques d’urticaire sur tout le corps, difficultés à respirer, ou rougeur chaude et douloureuse qui s’étend vite avec de la fièvre : appelez immédiatement { $call }.

## The morning summary

summary-title = Jour { $day } : { $title }
summary-normal = Normal en ce moment : { $text }
summary-still-item = { $what } (encore { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    })
summary-still = Encore à éviter : { $list }.
summary-from-today = À partir d’aujourd’hui, vous pouvez en général reprendre : { $list }.
summary-nothing = Plus aucune restriction.
list-separator = {", "}
# Between items when one of them holds a comma ("pool, sauna and steam").
list-separator-long = {" ; "}

## aftercare plan

plan-treatment = { $count ->
        [one] Traitement
       *[other] Traitements
    } { $dates } à { $time } ({ $zone }), plan { $plan }
plan-daylight-zone = La protection solaire suit la lumière du jour à { $city } ({ $place }), la ville principale du fuseau horaire { $zone } ; indiquez où vous vous trouvez dans [location] de la configuration.
plan-daylight-config = La protection solaire suit la lumière du jour au lieu indiqué dans [location] de la configuration ({ $place }).
coordinates = { $lat }° { $ns }, { $lon }° { $ew }
decimal-mark = ,
compass-north = N
compass-south = S
compass-east = E
compass-west = O
plan-empty = Ce plan ne contient aucun rappel.
plan-over = Le plan est terminé : plus rien à partir d’aujourd’hui (voir --all).
plan-day = Jour { $day } — { $date }
plan-session-day = Séance { $session }, jour { $day } — { $date }
plan-next = <- prochain

## où a eu lieu le traitement, quand la journée suit un autre fuseau
zone-times = Heures du fuseau { $zone }.
zone-treated-elsewhere = Traitement le { $when } à { $place }, { $here } ici.

daylight-between = lumière du jour { $sunrise }–{ $sunset }
daylight-polar-day = soleil toute la journée
daylight-polar-night = pas de lumière du jour aujourd’hui

status-sent = envoyé
status-done = fait
status-snoozed = reporté
status-missed = manqué
status-merged = regroupé
status-skipped = annulé
status-failed = en échec

## aftercare plans

plans-length = { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    }

## aftercare chart: the printed page

chart-title = Fiche de soins : { $plan }
chart-plan-none = vos propres rappels
chart-treatment = { $count ->
        [one] Traitement
       *[other] Traitements
    } : { $dates } à { $time } ({ $zone })
chart-how = Cochez une case quand c’est fait. Les jours vont de gauche à droite ; chaque ligne est un soin à son heure.
chart-routine = Heure et soin
chart-day = jour { $day }
chart-session-day = { $session }·{ $day }
chart-summary-row = Résumé : { $title }
chart-milestones = Étapes
chart-from-here = { $what } ✓ à partir d’ici
chart-warning-title = Signes d’alerte : qui appeler
chart-warning-default = Un peu de rougeur, de chaleur et de tiraillement, c’est normal au début. Pus ou croûtes jaunes, rougeur qui s’étend ou forme des traînées, fièvre, cloques, ou douleur qui augmente : appelez le jour même votre praticien, ou bien un centre de soins non programmés ou un médecin de garde. Difficultés à respirer, ou rougeur chaude et douloureuse qui s’étend vite avec de la fièvre : appelez les secours.
chart-normal-title = Ce qui est généralement normal
chart-normal-item = { $count ->
        [one] Jour
       *[other] Jours
    } { $days } : { $text }
chart-disclaimer = Ceci n’est pas un avis médical : les instructions de votre praticien passent en premier. Réalisé avec aftercare à partir de votre plan.

## aftercare plan --week: the grid in the terminal

week-heading = Jours { $first } à { $last } : { $from } – { $to }
week-heading-one = Jour { $first } : { $from }
week-day = jour { $day }
week-session-day = s{ $session } j{ $day }
week-milestones = ✓
week-milestone = { $date } : { $what }
week-legend = Lettres : les rappels à cette heure ; ✓ et un numéro : une étape.

## aftercare status --format waybar: one line for a status bar

bar-next = { $title } { $time }
bar-milestone = { $what } dans { $in }
bar-over = aftercare : plan terminé
bar-stopped = aftercare ne tourne pas
bar-minutes = { $n } min
bar-hours = { $n } h
bar-days = { $n ->
        [one] { $n } jour
       *[other] { $n } jours
    }

## aftercare today

today-before = Votre traitement a lieu le { $date } ; rien à faire d’ici là.
today-day = Jour { $day } — { $date }
today-session-day = Séance { $session }, jour { $day } — { $date }

## aftercare done

done-line = fait : { $title } du { $when }

## The next reminder

next-line = prochain : { $title }, { $when } (jour { $day })
next-none = plus aucun rappel : le plan est terminé

## aftercare status

status-service = service : { $state }
status-not-installed = non installé (lancez `aftercare install`)
status-unknown = inconnu : { $error }
status-daemon = démon : { $state }
status-running-pid = en marche (pid { $pid })
status-running = en marche
status-not-running = arrêté
status-unit = unité : { $path }
status-config = configuration : { $path } ({ $count ->
        [one] { $count } rappel
       *[other] { $count } rappels
    }, { $zone })
status-next = prochains :
status-next-none = prochains : rien, le plan est terminé
status-next-item = { $date } { $time }  { $title } (jour { $day })
status-so-far = jusqu’ici : { $list }
status-warning-not-running = avertissement : le service ne tourne pas alors que le plan n’est pas terminé ; démarrez-le avec `aftercare install`

count-sent = { $n ->
        [one] { $n } envoyé
       *[other] { $n } envoyés
    }
count-done = { $n ->
        [one] { $n } fait
       *[other] { $n } faits
    }
count-snoozed = { $n ->
        [one] { $n } reporté
       *[other] { $n } reportés
    }
count-missed = { $n ->
        [one] { $n } manqué
       *[other] { $n } manqués
    }
count-merged = { $n ->
        [one] { $n } regroupé
       *[other] { $n } regroupés
    }
count-skipped = { $n ->
        [one] { $n } annulé
       *[other] { $n } annulés
    }
count-failed = { $n ->
        [one] { $n } en échec
       *[other] { $n } en échec
    }
count-pending = { $n } en attente
adherence-rule = { $rule } : { $list }
adherence-day = Jour { $day } : { $list }
adherence-day-rule = { $rule } { $done }/{ $total } faits

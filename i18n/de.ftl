# aftercare's own messages, German (Sie).
#
# Same messages, attributes and $placeholders as en.ftl (checked by the
# completeness test). See i18n/README.md.

## Dates

weekday-mon = Mo.
weekday-tue = Di.
weekday-wed = Mi.
weekday-thu = Do.
weekday-fri = Fr.
weekday-sat = Sa.
weekday-sun = So.

month-1 = Jan.
month-2 = Feb.
month-3 = März
month-4 = Apr.
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = Aug.
month-9 = Sept.
month-10 = Okt.
month-11 = Nov.
month-12 = Dez.

# "Di., 1. Dez."
date-short = { $weekday }, { $day }. { $month }
# a date more than a few months away: with its year
date-long = { $weekday }, { $day }. { $month } { $year }

## Notifications

button-done = Erledigt
button-snooze = Später ({ $duration })
button-indoors = Heute drinnen

group-title-separator = {" · "}
group-item = • { $title }
group-item-body = • { $title } — { $body }

complete-title = aftercare: Plan abgeschlossen
complete-text = Das war die letzte Erinnerung Ihres Nachpflegeplans. Folgen Sie ab jetzt den Empfehlungen, die Sie erhalten haben.

config-error-title-none = aftercare: Fehler in der Konfiguration – keine Erinnerungen, bis er behoben ist
config-error-title-last-good = aftercare: Fehler in der Konfiguration – die letzte funktionierende Fassung läuft
config-error-title-previous = aftercare: Fehler in der Konfiguration – der bisherige Plan läuft weiter
config-error-body =
    { $error }
    Einzelheiten zeigt `aftercare check`.

test-title = aftercare-Test
test-body = Wenn Sie das lesen können, kommen die Erinnerungen von aftercare bei Ihnen an.

## Check-ins: the emergency line after a rule's body (`emergency = true`)

emergency-call = den Notruf
emergency-call-number = den Notruf { $number }
emergency-line = Schwellung von Lippen, Zunge oder Rachen, Quaddeln am ganzen Körper, Atemnot oder eine heiße, schmerzhafte Rötung, die sich mit Fieber schnell ausbreitet: Wählen Sie sofort { $call }.

## The morning summary

summary-title = Tag { $day }: { $title }
summary-normal = Jetzt normal: { $text }
summary-still-item = { $what } (noch { $days ->
        [one] { $days } Tag
       *[other] { $days } Tage
    })
summary-still = Noch zu meiden: { $list }.
summary-from-today = Ab heute meist wieder in Ordnung: { $list }.
summary-nothing = Es gibt keine Einschränkungen mehr.
list-separator = {", "}
# Between items when one of them holds a comma ("pool, sauna and steam").
list-separator-long = {"; "}

## aftercare plan

plan-treatment = { $count ->
        [one] Behandlung
       *[other] Behandlungen
    } { $dates } um { $time } ({ $zone }), Plan { $plan }
plan-daylight-zone = Der Sonnenschutz richtet sich nach dem Tageslicht in { $city } ({ $place }), der wichtigsten Stadt der Zeitzone { $zone }; tragen Sie unter [location] in der Konfiguration Ihren Ort ein.
plan-daylight-config = Der Sonnenschutz richtet sich nach dem Tageslicht an dem Ort, der unter [location] in der Konfiguration steht ({ $place }).
coordinates = { $lat }° { $ns }, { $lon }° { $ew }
decimal-mark = ,
compass-north = N
compass-south = S
compass-east = O
compass-west = W
plan-empty = Dieser Plan enthält keine Erinnerungen.
plan-over = Der Plan ist vorbei: ab heute nichts mehr (siehe --all).
plan-day = Tag { $day } — { $date }
plan-session-day = Sitzung { $session }, Tag { $day } — { $date }
plan-next = <- als Nächstes

## wo die Behandlung war, wenn der Tag einer anderen Zeitzone folgt
zone-times = Zeiten in { $zone }.
zone-treated-elsewhere = Behandelt { $when } in { $place }, hier { $here }.

daylight-between = Tageslicht { $sunrise }–{ $sunset }
daylight-polar-day = Sonne den ganzen Tag
daylight-polar-night = heute kein Tageslicht

status-sent = gesendet
status-done = erledigt
status-snoozed = verschoben
status-missed = verpasst
status-merged = zusammengefasst
status-skipped = übersprungen
status-failed = fehlgeschlagen

## aftercare plans

plans-length = { $days ->
        [one] { $days } Tag
       *[other] { $days } Tage
    }

## aftercare chart: the printed page

chart-title = Nachpflege-Plan: { $plan }
chart-plan-none = Ihre eigenen Erinnerungen
chart-treatment = { $count ->
        [one] Behandlung
       *[other] Behandlungen
    }: { $dates } um { $time } ({ $zone })
chart-how = Haken Sie ein Kästchen ab, wenn es erledigt ist. Die Tage laufen von links nach rechts; jede Zeile ist ein fester Pflegeschritt zu seiner Uhrzeit.
chart-routine = Uhrzeit und Pflegeschritt
chart-day = Tag { $day }
chart-session-day = { $session }·{ $day }
chart-summary-row = Übersicht: { $title }
chart-milestones = Meilensteine
chart-from-here = { $what } ✓ ab hier
chart-warning-title = Warnzeichen: an wen Sie sich wenden
chart-warning-default = Etwas Rötung, Wärme und ein Spannungsgefühl sind anfangs normal. Eiter oder gelbe Krusten, eine sich ausbreitende oder streifenförmige Rötung, Fieber, Blasen oder zunehmende Schmerzen: Rufen Sie noch am selben Tag Ihre Behandlerin oder Ihren Behandler an, oder wenden Sie sich an eine Notfallpraxis oder den ärztlichen Bereitschaftsdienst. Atemnot oder eine heiße, schmerzhafte Rötung, die sich mit Fieber schnell ausbreitet: Wählen Sie den Notruf.
chart-normal-title = Was meist normal ist
chart-normal-item = { $count ->
        [one] Tag
       *[other] Tage
    } { $days }: { $text }
chart-disclaimer = Keine medizinische Beratung: Die Anweisungen Ihrer Behandlerin oder Ihres Behandlers gehen vor. Erstellt mit aftercare aus Ihrem Plan.

## aftercare plan --week: the grid in the terminal

week-heading = Tage { $first }–{ $last }: { $from } – { $to }
week-heading-one = Tag { $first }: { $from }
week-day = Tag { $day }
week-session-day = B{ $session } T{ $day }
week-milestones = ✓
week-milestone = { $date }: { $what }
week-legend = Buchstaben: die Erinnerungen zu dieser Uhrzeit; ✓ mit Zahl: ein Meilenstein.

## aftercare status --format waybar: one line for a status bar

bar-next = { $title } { $time }
bar-milestone = { $what } in { $in }
bar-over = aftercare: Plan abgeschlossen
bar-stopped = aftercare läuft nicht
bar-minutes = { $n } Min.
bar-hours = { $n } Std.
bar-days = { $n ->
        [one] { $n } Tag
       *[other] { $n } Tagen
    }

## aftercare today

today-before = Ihre Behandlung ist am { $date }; bis dahin gibt es nichts zu tun.
today-day = Tag { $day } — { $date }
today-session-day = Sitzung { $session }, Tag { $day } — { $date }

## aftercare done

done-line = erledigt: { $title } vom { $when }

## The next reminder

next-line = als Nächstes: { $title }, { $when } (Tag { $day })
next-none = keine Erinnerungen mehr: der Plan ist vorbei

## aftercare status

status-service = Dienst: { $state }
status-not-installed = nicht installiert (`aftercare install` ausführen)
status-unknown = unbekannt: { $error }
status-daemon = Daemon: { $state }
status-running-pid = läuft (PID { $pid })
status-running = läuft
status-not-running = läuft nicht
status-unit = Unit: { $path }
status-config = Konfiguration: { $path } ({ $count ->
        [one] { $count } Erinnerung
       *[other] { $count } Erinnerungen
    }, { $zone })
status-next = Als Nächstes:
status-next-none = Als Nächstes: nichts, der Plan ist vorbei
status-next-item = { $date } { $time }  { $title } (Tag { $day })
status-so-far = Bisher: { $list }
status-warning-not-running = Warnung: Der Dienst läuft nicht, aber der Plan ist noch nicht vorbei; starten Sie ihn mit `aftercare install`

count-sent = { $n } gesendet
count-done = { $n } erledigt
count-snoozed = { $n } verschoben
count-missed = { $n } verpasst
count-merged = { $n } zusammengefasst
count-skipped = { $n } übersprungen
count-failed = { $n } fehlgeschlagen
count-pending = { $n } ausstehend
adherence-rule = { $rule }: { $list }
adherence-day = Tag { $day }: { $list }
adherence-day-rule = { $rule } { $done }/{ $total } erledigt

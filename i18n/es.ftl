# aftercare's own messages, Spanish (usted).
#
# Same messages, attributes and $placeholders as en.ftl (checked by the
# completeness test). See i18n/README.md.

## Dates

weekday-mon = lun
weekday-tue = mar
weekday-wed = mié
weekday-thu = jue
weekday-fri = vie
weekday-sat = sáb
weekday-sun = dom

month-1 = ene
month-2 = feb
month-3 = mar
month-4 = abr
month-5 = may
month-6 = jun
month-7 = jul
month-8 = ago
month-9 = sept
month-10 = oct
month-11 = nov
month-12 = dic

# "mar, 1 dic"
date-short = { $weekday }, { $day } { $month }
# a date more than a few months away: with its year
date-long = { $weekday }, { $day } { $month } { $year }

## Notifications

button-done = Hecho
button-snooze = Posponer { $duration }
button-indoors = Hoy no salgo

group-title-separator = {" · "}
group-item = • { $title }
group-item-body = • { $title } — { $body }

complete-title = aftercare: plan completado
complete-text = Este fue el último recordatorio de su plan de cuidados posteriores. A partir de ahora, siga las indicaciones que le dieron.

config-error-title-none = aftercare: error en la configuración; no habrá recordatorios hasta que se corrija
config-error-title-last-good = aftercare: error en la configuración; se usa la última configuración que funcionaba
config-error-title-previous = aftercare: error en la configuración; se mantiene el calendario anterior
config-error-body =
    { $error }
    Ejecute `aftercare check` para ver los detalles.

test-title = Prueba de aftercare
test-body = Si puede leer esto, los recordatorios de aftercare le llegarán.

## Check-ins: the emergency line after a rule's body (`emergency = true`)

emergency-call = a emergencias
emergency-call-number = al { $number }
emergency-line = Hinchazón de labios, lengua o garganta, ronchas por todo el cuerpo, dificultad para respirar o un enrojecimiento caliente y doloroso que se extiende rápido con fiebre: llame ya { $call }.

## The morning summary

summary-title = Día { $day }: { $title }
summary-normal = Lo normal ahora: { $text }
summary-still-item = { $what } ({ $days ->
        [one] falta { $days } día
       *[other] faltan { $days } días
    })
summary-still = Todavía debe evitar: { $list }.
summary-from-today = A partir de hoy, por lo general, vuelve a estar permitido: { $list }.
summary-nothing = Ya no hay restricciones.
list-separator = {", "}
# Between items when one of them holds a comma ("pool, sauna and steam").
list-separator-long = {"; "}

## aftercare plan

plan-treatment = { $count ->
        [one] Tratamiento
       *[other] Tratamientos
    } { $dates } a las { $time } ({ $zone }), plan { $plan }
plan-daylight-zone = El protector solar sigue la luz del día en { $city } ({ $place }), la ciudad principal de la zona horaria { $zone }; indique dónde está en [location] de la configuración.
plan-daylight-config = El protector solar sigue la luz del día en el lugar indicado en [location] de la configuración ({ $place }).
coordinates = { $lat }° { $ns }, { $lon }° { $ew }
decimal-mark = ,
compass-north = N
compass-south = S
compass-east = E
compass-west = O
plan-empty = Este plan no tiene recordatorios.
plan-over = El plan ha terminado: nada a partir de hoy (vea --all).
plan-day = Día { $day } — { $date }
plan-session-day = Sesión { $session }, día { $day } — { $date }
plan-next = <- siguiente

## dónde fue el tratamiento, cuando el día sigue otra zona horaria
zone-times = Horas en { $zone }.
zone-treated-elsewhere = Tratamiento el { $when } en { $place }; aquí, { $here }.

daylight-between = luz del día { $sunrise }–{ $sunset }
daylight-polar-day = sol todo el día
daylight-polar-night = hoy no hay luz del día

status-sent = enviado
status-done = hecho
status-snoozed = pospuesto
status-missed = perdido
status-merged = agrupado
status-skipped = omitido
status-failed = fallido

## aftercare plans

plans-length = { $days ->
        [one] { $days } día
       *[other] { $days } días
    }

## aftercare chart: the printed page

chart-title = Plan de cuidados: { $plan }
chart-plan-none = sus propios recordatorios
chart-treatment = { $count ->
        [one] Tratamiento
       *[other] Tratamientos
    }: { $dates } a las { $time } ({ $zone })
chart-how = Marque una casilla cuando lo haya hecho. Los días van de izquierda a derecha; cada fila es un cuidado a su hora.
chart-routine = Hora y cuidado
chart-day = día { $day }
chart-session-day = { $session }·{ $day }
chart-summary-row = Resumen: { $title }
chart-milestones = Hitos
chart-from-here = { $what } ✓ a partir de aquí
chart-warning-title = Señales de alarma: a quién acudir
chart-warning-default = Al principio es normal algo de enrojecimiento, calor y tirantez. Pus o costras amarillas, enrojecimiento que se extiende o forma líneas, fiebre, ampollas, o un dolor que va en aumento: llame ese mismo día a su profesional, o a un centro de urgencias o un servicio de guardia. Dificultad para respirar, o un enrojecimiento caliente y doloroso que se extiende rápido con fiebre: llame a emergencias.
chart-normal-title = Lo que suele ser normal
chart-normal-item = { $count ->
        [one] Día
       *[other] Días
    } { $days }: { $text }
chart-disclaimer = Esto no es un consejo médico: las indicaciones de su profesional tienen prioridad. Hecho con aftercare a partir de su plan.

## aftercare plan --week: the grid in the terminal

week-heading = Días { $first }–{ $last }: { $from } – { $to }
week-heading-one = Día { $first }: { $from }
week-day = día { $day }
week-session-day = s{ $session } d{ $day }
week-milestones = ✓
week-milestone = { $date }: { $what }
week-legend = Letras: los recordatorios a esa hora; ✓ y un número: un hito.

## aftercare status --format waybar: one line for a status bar

bar-next = { $title } { $time }
bar-milestone = { $what } en { $in }
bar-over = aftercare: plan completado
bar-stopped = aftercare no está en marcha
bar-minutes = { $n } min
bar-hours = { $n } h
bar-days = { $n ->
        [one] { $n } día
       *[other] { $n } días
    }

## aftercare today

today-before = Fecha de su tratamiento: { $date }; todavía no hay nada que hacer.
today-day = Día { $day } — { $date }
today-session-day = Sesión { $session }, día { $day } — { $date }

## aftercare done

done-line = hecho: { $title } ({ $when })

## The next reminder

next-line = siguiente: { $title }, { $when } (día { $day })
next-none = no quedan recordatorios: el plan ha terminado

## aftercare status

status-service = servicio: { $state }
status-not-installed = no instalado (ejecute `aftercare install`)
status-unknown = desconocido: { $error }
status-daemon = daemon: { $state }
status-running-pid = en ejecución (pid { $pid })
status-running = en ejecución
status-not-running = detenido
status-unit = unidad: { $path }
status-config = configuración: { $path } ({ $count ->
        [one] { $count } recordatorio
       *[other] { $count } recordatorios
    }, { $zone })
status-next = siguientes:
status-next-none = siguientes: nada, el plan ha terminado
status-next-item = { $date } { $time }  { $title } (día { $day })
status-so-far = hasta ahora: { $list }
status-warning-not-running = aviso: el servicio no está en ejecución, pero el plan no ha terminado; inícielo con `aftercare install`

count-sent = { $n ->
        [one] { $n } enviado
       *[other] { $n } enviados
    }
count-done = { $n ->
        [one] { $n } hecho
       *[other] { $n } hechos
    }
count-snoozed = { $n ->
        [one] { $n } pospuesto
       *[other] { $n } pospuestos
    }
count-missed = { $n ->
        [one] { $n } perdido
       *[other] { $n } perdidos
    }
count-merged = { $n ->
        [one] { $n } agrupado
       *[other] { $n } agrupados
    }
count-skipped = { $n ->
        [one] { $n } omitido
       *[other] { $n } omitidos
    }
count-failed = { $n ->
        [one] { $n } fallido
       *[other] { $n } fallidos
    }
count-pending = { $n ->
        [one] { $n } pendiente
       *[other] { $n } pendientes
    }
adherence-rule = { $rule }: { $list }
adherence-day = Día { $day }: { $list }
adherence-day-rule = { $rule }: { $done }/{ $total } hechos

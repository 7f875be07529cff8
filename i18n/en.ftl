# aftercare's own messages, English (the reference catalog).
#
# Every message here must exist in every other catalog, with the same
# attributes and the same $placeholders (the completeness test in
# src/i18n/tests.rs checks it). See i18n/README.md.
#
# Not medical advice: every text defers to the practitioner's instructions.

## Dates: weekday and month names, and how a short date is written.

weekday-mon = Mon
weekday-tue = Tue
weekday-wed = Wed
weekday-thu = Thu
weekday-fri = Fri
weekday-sat = Sat
weekday-sun = Sun

month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec

# "Tue 25 Nov": $weekday and $month are the names above, $day the day of
# the month (a number).
date-short = { $weekday } { $day } { $month }
# a date more than a few months away: with its year
date-long = { $weekday } { $day } { $month } { $year }

## Notifications

button-done = Done
# $duration: the snooze length as the config writes it ("15m", "1h").
button-snooze = Snooze { $duration }
button-indoors = Indoors today

# Several reminders due at one moment are one notification: the titles
# joined in the title, one line each in the body.
group-title-separator = {" · "}
group-item = • { $title }
group-item-body = • { $title } — { $body }

complete-title = aftercare plan complete
complete-text = That was the last reminder of your aftercare plan. From here, follow the advice you were given.

config-error-title-none = aftercare: config error — no reminders until it is fixed
config-error-title-last-good = aftercare: config error — running your last working config
config-error-title-previous = aftercare: config error — keeping the previous schedule
# $error: the error itself (file:line and what is wrong; always English).
config-error-body =
    { $error }
    Run `aftercare check` for details.

# `aftercare test-notification`: the sample.
test-title = aftercare test
test-body = If you can read this, aftercare's reminders will reach you.

## Check-ins: the emergency line after a rule's body (`emergency = true`)

# Whom to call: emergency services in general, or the number ($number,
# "112") where the time zone's country makes it certain.
emergency-call = emergency services
emergency-call-number = { $number }
# $call: one of the two above.
emergency-line = Swelling of the lips, tongue or throat, hives spreading over the body, trouble breathing, or hot, painful redness spreading fast with a fever: call { $call } now.

## The morning summary

# The summary reminder's title: $title is the plan's own ("today's aftercare").
summary-title = Day { $day }: { $title }
# $text: the plan's [healing] sentence for today.
summary-normal = Normal now: { $text }
# $what: what a milestone allows again ("makeup"); $days: how many days until then.
summary-still-item = { $what } ({ $days ->
        [one] { $days } more day
       *[other] { $days } more days
    })
# $list: the items above, joined with ", " (with "; " when an item holds a comma).
summary-still = Still off-limits: { $list }.
summary-from-today = From today, usually fine again: { $list }.
summary-nothing = Nothing is off-limits any more.
list-separator = {", "}
# Between items when one of them holds a comma ("pool, sauna and steam").
list-separator-long = {"; "}

## aftercare plan

# $count: how many treatment dates; $dates: them, joined with ", ";
# $plan: the plan's name or file as the config writes it.
plan-treatment = { $count ->
        [one] Treatment
       *[other] Treatments
    } { $dates } at { $time } ({ $zone }), plan { $plan }
# $city: the zone's principal city ("Berlin"); $place: its coordinates
# (`coordinates`); $zone: the time zone's name.
plan-daylight-zone = Sunscreen follows daylight in { $city } ({ $place }), the principal city of the time zone { $zone }; set [location] in the config for where you are.
plan-daylight-config = Sunscreen follows daylight at the place set in [location] in the config ({ $place }).
# A place: $lat and $lon are degrees with two decimals, already written
# with `decimal-mark`; $ns and $ew are the compass letters below.
coordinates = { $lat }°{ $ns } { $lon }°{ $ew }
decimal-mark = .
compass-north = N
compass-south = S
compass-east = E
compass-west = W
plan-empty = No reminders in this plan.
plan-over = The plan is over: nothing from today on (see --all).
plan-day = Day { $day } — { $date }
plan-session-day = Session { $session }, Day { $day } — { $date }
plan-next = <- next

## where the treatment was, when the day follows another zone
# $zone: the zone times are shown in (an IANA name)
zone-times = Times in { $zone }.
# $when: the treatment's date and time where it happened ("Mon 7 Dec 19:15");
# $place: there ("Berlin"); $here: the same moment on this computer's clock
zone-treated-elsewhere = Treated { $when } in { $place }, { $here } here.

daylight-between = daylight { $sunrise }–{ $sunset }
daylight-polar-day = sun up all day
daylight-polar-night = no daylight today

# A reminder's status, in brackets after it in `plan`.
status-sent = sent
status-done = done
status-snoozed = snoozed
status-missed = missed
status-merged = merged
status-skipped = skipped
status-failed = failed

## aftercare plans

# How long a built-in plan runs.
plans-length = { $days ->
        [one] { $days } day
       *[other] { $days } days
    }

## aftercare chart: the printed page

# $plan: the plan's name ("microneedling") or its file's name.
chart-title = Aftercare chart: { $plan }
chart-plan-none = your own reminders
# $count: how many treatment dates; $dates: them, joined with ", ".
chart-treatment = { $count ->
        [one] Treatment
       *[other] Treatments
    }: { $dates } at { $time } ({ $zone })
chart-how = Tick a box when it is done. The days run from left to right; each row is one routine at its time.
# The head of the first column.
chart-routine = Time and routine
# A day's column head, below the date; keep it short (a narrow column).
chart-day = day { $day }
chart-session-day = { $session }·{ $day }
# The row of the morning summary; $title: the plan's own ("today's aftercare").
chart-summary-row = Summary: { $title }
chart-milestones = Milestones
# Where a milestone falls; $what: what it allows again ("makeup").
chart-from-here = { $what } ✓ from here
chart-warning-title = Warning signs: where to turn
# For a plan without a check-in reminder of its own.
chart-warning-default = Some redness, warmth and tightness are normal at first. Pus or yellow crust, spreading or streaking redness, fever, blisters, or pain that grows: call your practitioner, or an urgent-care or out-of-hours service, the same day. Trouble breathing, or hot, painful redness spreading fast with a fever: emergency services.
chart-normal-title = What is usually normal
# $days: day numbers ("0–1"), $count of them; $text: the plan's sentence.
chart-normal-item = { $count ->
        [one] Day
       *[other] Days
    } { $days }: { $text }
chart-disclaimer = Not medical advice: your practitioner's instructions come first. Made with aftercare from your plan.

## aftercare plan --week: the grid in the terminal

# $first, $last: plan day numbers; $from, $to: short dates.
week-heading = Days { $first }–{ $last }: { $from } – { $to }
# The column head under the date; keep it within 9 characters.
week-heading-one = Day { $first }: { $from }
week-day = day { $day }
week-session-day = s{ $session } d{ $day }
# The row of milestones in the grid.
week-milestones = ✓
# A milestone below the grid; $date: its short date and time.
week-milestone = { $date }: { $what }
week-legend = Letters: the reminders at that time; ✓ and a number: a milestone.

## aftercare status --format waybar: one line for a status bar

# $title: the next reminder; $time: when ("14:00", or a day and a time).
bar-next = { $title } { $time }
# $what: the next milestone's "allows" ("makeup"); $in: how long until then.
bar-milestone = { $what } in { $in }
bar-over = aftercare: plan complete
bar-stopped = aftercare is not running
bar-minutes = { $n } min
bar-hours = { $n } h
bar-days = { $n ->
        [one] { $n } day
       *[other] { $n } days
    }

## aftercare today

today-before = Your treatment is on { $date }; nothing yet.
today-day = Day { $day } — { $date }
today-session-day = Session { $session }, day { $day } — { $date }

## aftercare done

# $when: the reminder's date and time.
done-line = done: { $title } of { $when }

## The next reminder (systemd's status line, install, status)

# $when: a time ("15:00"), or a date and a time when it is not today.
next-line = next: { $title } at { $when } (day { $day })
next-none = no reminders left: the plan is over

## aftercare status

status-service = service: { $state }
status-not-installed = not installed (run `aftercare install`)
status-unknown = unknown: { $error }
status-daemon = daemon:  { $state }
status-running-pid = running (pid { $pid })
status-running = running
status-not-running = not running
status-unit = unit:    { $path }
status-config = config:  { $path } ({ $count ->
        [one] { $count } reminder
       *[other] { $count } reminders
    }, { $zone })
status-next = next:
status-next-none = next:    nothing: the plan is over
status-next-item = { $date } { $time }  { $title } (day { $day })
status-so-far = so far:  { $list }
status-warning-not-running = warning: the service is not running but the plan is not over; start it with `aftercare install`

# How many reminders had each status ("12 sent"); $n is the number.
count-sent = { $n } sent
count-done = { $n } done
count-snoozed = { $n } snoozed
count-missed = { $n } missed
count-merged = { $n } merged
count-skipped = { $n } skipped
count-failed = { $n } failed
count-pending = { $n } pending
# $rule: the rule's name (as in the config); $list: counts joined with ", ".
adherence-rule = { $rule }: { $list }
adherence-day = Day { $day }: { $list }
adherence-day-rule = { $rule } { $done }/{ $total } done

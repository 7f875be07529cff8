# Spanish translation of plans/microneedling.toml (plan = "microneedling").
# Keys: description, title-RULE, body-RULE, allows-RULE, healing-RANGE (the [healing] key, "," written "_").
# Keep the meaning exact; the practitioner's instructions come first.
# Terms: practitioner = "su profesional"; aftercare = cuidados posteriores;
# sunscreen = protector solar, SPF = FPS; actives = activos; usually = por lo general; formal "usted".

description = Microneedling en clínica (el plan predeterminado): dos semanas de cuidados suaves, protección solar e hitos
complete = Este fue el último recordatorio de su plan de cuidados tras el microneedling. Siga usando protector solar FPS 30+ a diario y, a partir de ahora, guíese por las indicaciones de su profesional.
nothing-off-limits = Ya no hay restricciones; siga con el protector solar cada día.

## Day 0

title-today = Comienzan los cuidados posteriores
body-today = Las indicaciones de su profesional tienen prioridad; estos recordatorios siguen un plan habitual. No se toque la piel tratada ni se rasque, aunque le pique. No use maquillaje durante unas 24 horas y, por ahora, nada de ejercicio, sauna, piscina ni duchas calientes. Hasta que empiecen los recordatorios de protector solar, mejor sombra y sombrero que protector solar sobre la piel recién tratada.

title-first-rinse = Primer enjuague suave
body-first-rinse = Enjuáguese con agua tibia usando solo las yemas de los dedos y luego séquese a toquecitos con una toalla limpia. Sin frotar.

title-hydrate = Hidrate su piel
body-hydrate = Con las manos limpias, aplique con toquecitos el gel o sérum postratamiento que le dio su profesional.

## The morning routine

title-summary = cuidados posteriores de hoy

title-makeup-ok = Maquillaje: solo mineral, si lo necesita
body-makeup-ok = Han pasado al menos 24 horas: por lo general, ya puede usar maquillaje mineral con brochas limpias. Aun así, la piel sin maquillaje sigue siendo la opción más suave.

title-exercise-ok = Por lo general, ya puede hacer ejercicio
body-exercise-ok = Han pasado al menos 72 horas: por lo general, ya puede volver a hacer ejercicio que le haga sudar si su piel está calmada. Después, enjuáguese y vuelva a aplicarse protector solar.

title-pool-ok = Piscina, sauna y baño de vapor
body-pool-ok = Han pasado al menos 4 días: por lo general, ya puede volver a la piscina, la sauna y el baño de vapor si su piel está calmada.

title-actives-ok = Activos, de uno en uno
body-actives-ok = ¿Ya no queda enrojecimiento ni descamación? Puede volver a usar retinoides, ácidos y vitamina C, un producto cada vez. Si su piel sigue irritada, espere unos días más.

title-morning-care = Limpie e hidrate
body-morning-care = Una limpieza suave con agua tibia y las yemas de los dedos, sin frotar; seque con toquecitos y luego una crema hidratante ligera y no comedogénica que haya aprobado su profesional. Todavía nada de activos.
title-morning-care-after = Limpie e hidrate
body-morning-care-after = Una limpieza suave con agua tibia y las yemas de los dedos, sin frotar; seque con toquecitos y luego su crema hidratante ligera y no comedogénica.

title-sunscreen = Protector solar
body-sunscreen = Protector solar mineral FPS 30+ (óxido de zinc o dióxido de titanio); vuelva a aplicarlo cada 2 horas al aire libre y después de sudar. Evite el sol fuerte; la sombra y un sombrero ayudan.

title-no-picking = No toque la piel
body-no-picking = La descamación y el picor son normales y significan que su piel se está curando. No toquetee, rasque, arranque ni frote las escamas; deje que se desprendan solas.

## The evening routine

title-check-in = ¿Qué aspecto tiene su piel?
body-check-in = Al principio es normal algo de enrojecimiento, hinchazón, picor o ardor leves. Pus o costras amarillas, enrojecimiento que se extiende, fiebre, ampollas o herpes labial, o un dolor que va en aumento: llame esta misma noche al teléfono de su profesional para fuera de horario, o a un centro de urgencias o un servicio de guardia. Enrojecimiento o hinchazón que empeora después de 48 horas, o que sigue presente el día 5: llame mañana por la mañana a su profesional o a un dermatólogo.
deferred-body-check-in = Al principio es normal algo de enrojecimiento, hinchazón, picor o ardor leves. Pus o costras amarillas, enrojecimiento que se extiende, fiebre, ampollas o herpes labial, o un dolor que va en aumento: llame cuanto antes al teléfono de su profesional para fuera de horario, o a un centro de urgencias o un servicio de guardia. Enrojecimiento o hinchazón que empeora después de 48 horas, o que sigue presente el día 5: llame a su profesional o a un dermatólogo.

title-evening-care = Limpie e hidrate
body-evening-care = Antes de acostarse: una limpieza suave con agua tibia, seque con toquecitos y luego su crema hidratante ligera y no comedogénica. Una funda de almohada limpia ayuda.

## Days 8-14

title-sunscreen-daily = Protector solar a diario
body-sunscreen-daily = Protector solar mineral FPS 30+ cada mañana mientras su piel se recupera; vuelva a aplicarlo cuando esté al aire libre.

title-wrap-up = Cuidados posteriores completados
body-wrap-up = Bien hecho: los cuidados adicionales han terminado. Siga usando protector solar a diario; si está haciendo una serie de sesiones, la siguiente suele ser entre 4 y 6 semanas después de esta. Si en las próximas semanas aparecen bultitos nuevos, una erupción o manchas oscuras, conviene que se los enseñe a su profesional o a un dermatólogo.

## What is usually normal on which days (for the morning summary)

healing-0-1 = enrojecimiento, calor y tirantez, como una quemadura solar leve; algo de hinchazón, picor o ardor, por lo general leves y que desaparecen en unos días.
healing-2-4 = el enrojecimiento y la hinchazón disminuyen; pueden empezar la sequedad, una descamación leve y algo de picor.
healing-5-7 = la descamación remite; la piel puede notarse algo áspera o verse apagada.
healing-8-14 = la piel está casi del todo calmada, pero aún se quema con el sol más fácilmente de lo habitual.

## What each milestone allows again (a noun phrase in the morning summary)
allows-makeup-ok = maquillaje
allows-exercise-ok = ejercicio intenso que haga sudar
allows-pool-ok = piscina, sauna y baño de vapor
allows-actives-ok = retinoides, ácidos y vitamina C

# Spanish translation of plans/laser.toml (plan = "laser").
# Keys: description, title-RULE, body-RULE, allows-RULE, healing-RANGE (the [healing] key, "," written "_").
# Keep the meaning exact; the practitioner's instructions come first.
# Terms: practitioner = "su profesional"; aftercare = cuidados posteriores;
# sunscreen = protector solar, SPF = FPS; actives = activos; usually = por lo general; formal "usted"; scrub = exfoliante.

description = Láser no ablativo o IPL: enfriar la piel, protección solar estricta, nada de calor durante unos días y maquillaje tras unas 24 horas
complete = Este fue el último recordatorio de su plan de cuidados tras el láser. Siga usando protector solar FPS 30+ a diario durante el tiempo que le indicó su profesional y, a partir de ahora, guíese por sus indicaciones.
nothing-off-limits = Ya no hay restricciones; siga usando protector solar FPS 30+ a diario.

## Day 0

title-today = Comienzan los cuidados posteriores
body-today = Las indicaciones de su profesional tienen prioridad; estos recordatorios siguen un plan habitual tras un láser no ablativo o IPL. Al principio es normal notar calor y enrojecimiento, como en una quemadura solar. Mantenga la piel fresca, no use maquillaje durante unas 24 horas, por ahora nada de duchas calientes, sauna, jacuzzi ni ejercicio, y evite el sol.

title-cool = Enfríe la piel
body-cool = Si nota la piel caliente: una compresa fresca, o una bolsa de frío envuelta en un paño limpio, durante 10 a 15 minutos. Nunca ponga hielo directamente sobre la piel.

title-first-cleanse = Una limpieza suave
body-first-cleanse = Agua tibia y un limpiador suave, solo con las yemas de los dedos y sin frotar; seque con toquecitos y luego una crema hidratante suave. Que las duchas sean cortas y con agua tibia.

## The morning routine

title-summary = cuidados posteriores de hoy

title-makeup-ok = Por lo general, ya puede maquillarse
body-makeup-ok = Han pasado al menos 24 horas: por lo general, ya puede volver a maquillarse si la piel no tiene ampollas ni heridas. Use brochas limpias y desmaquíllese con suavidad.

title-heat-ok = Duchas calientes y ejercicio
body-heat-ok = Han pasado al menos 48 horas: por lo general, ya puede volver a darse duchas calientes y a hacer ejercicio que le haga sudar, una vez que el enrojecimiento haya remitido. Después, vuelva a aplicarse protector solar.

title-sauna-ok = Sauna, baño de vapor y natación
body-sauna-ok = Han pasado al menos 72 horas: por lo general, ya puede volver a la sauna, el baño de vapor, el jacuzzi y la piscina si su piel está calmada. ¿Sigue enrojecida o hinchada? Espere unos días más.

title-actives-ok = Activos, de uno en uno
body-actives-ok = Ha pasado alrededor de una semana: si su piel está calmada, vuelva a introducir los retinoides, los ácidos AHA/BHA, la vitamina C y los exfoliantes de uno en uno. Cera u otros tratamientos en la zona: consulte antes a su profesional.

title-morning-care = Limpie e hidrate
body-morning-care = Una limpieza suave con agua tibia, seque con toquecitos y luego una crema hidratante suave y sin perfume. Todavía nada de retinoides, ácidos, vitamina C ni exfoliantes.
title-morning-care-after = Limpie e hidrate
body-morning-care-after = Una limpieza suave con agua tibia, seque con toquecitos y luego una crema hidratante suave y sin perfume.

title-sunscreen = Protector solar
body-sunscreen = Protector solar de amplio espectro FPS 30+; vuelva a aplicarlo cada 2 horas al aire libre y después de sudar. El sol sobre la piel tratada puede dejar manchas oscuras: también sombra y un sombrero de ala ancha.

title-hands-off = No toque la piel
body-hands-off = Tras la IPL, las manchas tratadas suelen oscurecerse como posos de café y desprenderse: en la cara, por lo general en 1 o 2 semanas aproximadamente; en el cuerpo puede tardar más, hasta varias semanas. Tras el láser, la piel puede notarse áspera. Deje que se desprendan solas: no las toquetee ni se rasque aunque le pique, no frote ni exfolie.

## The evening routine

title-check-in = ¿Qué aspecto tiene su piel?
body-check-in = Es normal algo de enrojecimiento, calor, hinchazón leve y picor durante uno o dos días. Ampollas, costras o pus, enrojecimiento que se extiende, fiebre, herpes labial o un dolor que va en aumento: llame esta misma noche al teléfono de su profesional para fuera de horario, o a un centro de urgencias o un servicio de guardia. Dolor en un ojo o cualquier cambio en la visión: acuda esta misma noche a urgencias o a urgencias oftalmológicas. Hinchazón que empeora después de 48 horas, o manchas más claras o más oscuras que su piel: llame a su profesional mañana por la mañana.
deferred-body-check-in = Es normal algo de enrojecimiento, calor, hinchazón leve y picor durante uno o dos días. Ampollas, costras o pus, enrojecimiento que se extiende, fiebre, herpes labial o un dolor que va en aumento: llame cuanto antes al teléfono de su profesional para fuera de horario, o a un centro de urgencias o un servicio de guardia. Dolor en un ojo o cualquier cambio en la visión: acuda cuanto antes a urgencias o a urgencias oftalmológicas. Hinchazón que empeora después de 48 horas, o manchas más claras o más oscuras que su piel: llame a su profesional.

title-evening-care = Limpie e hidrate
body-evening-care = Antes de acostarse: una limpieza suave con agua tibia, seque con toquecitos y luego su crema hidratante. Una funda de almohada limpia ayuda.

## Days 8-14

title-sunscreen-daily = Protector solar a diario
body-sunscreen-daily = Protector solar de amplio espectro FPS 30+ cada mañana mientras su piel se recupera; vuelva a aplicarlo cuando esté al aire libre.

title-wrap-up = Cuidados posteriores completados
body-wrap-up = Bien hecho: los cuidados adicionales han terminado. Siga usando protector solar FPS 30+ a diario durante al menos 4 a 6 semanas después del tratamiento, o más tiempo si su profesional se lo recomienda; el sol sobre la piel tratada todavía puede dejar manchas oscuras. El láser y la IPL suelen hacerse en series, con unas semanas entre sesiones: pregunte a su profesional cuándo es su próxima sesión. Si en las próximas semanas aparecen manchas más claras o más oscuras, conviene que se las enseñe a su profesional.

## What is usually normal on which days (for the morning summary)

healing-0-1 = enrojecimiento, calor, hinchazón leve y algo de picor, como una quemadura solar.
healing-2-4 = el enrojecimiento disminuye; la piel puede notarse seca o áspera, y las manchas tratadas pueden oscurecerse.
healing-5-7 = las manchas oscurecidas se desprenden; la piel está casi del todo calmada.
healing-8-14 = la piel está calmada, pero el sol aún puede dejarle manchas oscuras.

## What each milestone allows again (a noun phrase in the morning summary)
allows-makeup-ok = maquillaje
allows-heat-ok = duchas calientes y ejercicio intenso que haga sudar
allows-sauna-ok = sauna, baño de vapor, jacuzzi y natación
allows-actives-ok = retinoides, ácidos, exfoliantes y vitamina C

# Spanish translation of plans/chemical-peel.toml (plan = "chemical-peel").
# Keys: description, title-RULE, body-RULE, allows-RULE, healing-RANGE (the [healing] key, "," written "_").
# Keep the meaning exact; the practitioner's instructions come first.
# Terms: practitioner = "su profesional"; aftercare = cuidados posteriores;
# sunscreen = protector solar, SPF = FPS; actives = activos; usually = por lo general; formal "usted";
# light/medium peel = peeling superficial/medio; the skin peeling = descamación, pelarse; scrub = exfoliante.

description = Peeling químico superficial o medio: no tocar la piel que se pela, protección solar estricta y nada de activos durante una semana aproximadamente
complete = Este fue el último recordatorio de su plan de cuidados tras el peeling. Siga protegiendo la piel nueva del sol como le indicó su profesional y, a partir de ahora, guíese por sus indicaciones.
nothing-off-limits = Ya no hay restricciones; siga protegiendo la piel nueva del sol.

## Day 0

title-today = Comienzan los cuidados posteriores
body-today = Las indicaciones de su profesional tienen prioridad; estos recordatorios siguen un plan habitual para un peeling superficial o medio. Algunos peelings deben permanecer sobre la piel un número determinado de horas: retire el suyo solo cuando su profesional se lo haya indicado. Por ahora: nada de maquillaje ni de frotar, y nada de ejercicio, sauna, piscina ni duchas calientes; sombra, sombrero y el protector solar que su profesional le aplicó o aprobó.

title-first-cleanse = Primera limpieza suave
body-first-cleanse = Salvo que su profesional le haya pedido dejar el peeling más tiempo: agua tibia y un limpiador suave sin jabón, solo con las yemas de los dedos, sin paño ni exfoliante. Seque con toquecitos y aplique una capa fina de una crema hidratante neutra.

title-soothe = Calme la piel tirante
body-soothe = Si nota la piel tirante o caliente: una capa fina de la crema hidratante neutra que aprobó su profesional, o un paño limpio, fresco y húmedo durante unos minutos. Nada de hielo directamente sobre la piel.

## The morning routine

title-summary = cuidados posteriores de hoy

title-makeup-ok = Maquillaje, tras un peeling superficial
body-makeup-ok = Han pasado al menos 24 horas: tras un peeling superficial, por lo general ya puede usar un maquillaje mineral suave con brochas limpias si la piel no está en carne viva ni tiene costras. Tras un peeling medio, espere hasta que su profesional se lo indique, a menudo unos 10 días, cuando ya se ha formado la piel nueva. La piel sin maquillaje es la opción más suave.

title-exercise-ok = Por lo general, ya puede hacer ejercicio
body-exercise-ok = Han pasado al menos 72 horas: por lo general, ya puede volver a hacer ejercicio que le haga sudar si su piel está calmada. Después, enjuáguese con suavidad y vuelva a aplicarse protector solar; el sudor sobre la piel que se pela puede escocer.

title-heat-ok = Piscina, sauna y baño de vapor
body-heat-ok = Ha pasado alrededor de una semana: una vez que la piel ha dejado de pelarse, por lo general ya puede volver a la piscina, la sauna, el baño de vapor y el jacuzzi. ¿Todavía se pela? Espere unos días más.

title-actives-ok = Activos, de uno en uno
body-actives-ok = ¿Ha terminado la descamación y no hay escozor ni enrojecimiento? Vuelva a introducir los retinoides, los ácidos AHA/BHA, la vitamina C y los exfoliantes de uno en uno, con unos días de separación. Si la piel sigue rosada o descamándose, espere unos días más. Cera, hilo o cremas depilatorias sobre la piel tratada: consulte antes a su profesional.

title-morning-care = Limpie e hidrate
body-morning-care = Una limpieza suave, sin jabón y con agua tibia, usando las yemas de los dedos; seque con toquecitos y luego una crema hidratante neutra. Todavía nada de retinoides, ácidos, exfoliantes ni vitamina C.
title-morning-care-after = Limpie e hidrate
body-morning-care-after = Una limpieza suave, sin jabón y con agua tibia, usando las yemas de los dedos; seque con toquecitos y luego una crema hidratante neutra.

title-sunscreen = Protector solar
body-sunscreen = Protector solar de amplio espectro FPS 30+ (uno mineral suele ser más suave); vuelva a aplicarlo cada 2 horas al aire libre y después de sudar. La piel nueva se quema y se oscurece con facilidad: también sombra y un sombrero de ala ancha. Nada de protector solar sobre la piel en carne viva o con costras: cúbrala y manténgala fuera del sol.

title-no-picking = No toque la piel que se pela
body-no-picking = Que la piel se pele y pique es normal y significa que el peeling está haciendo efecto. No toquetee, rasque, arranque ni frote las escamas: puede dejar cicatrices o manchas oscuras. La crema hidratante ayuda a que se desprendan solas.

## The evening routine

title-check-in = ¿Qué aspecto tiene su piel?
body-check-in = La tirantez, el enrojecimiento, el picor y la descamación son normales; tras un peeling medio, la piel puede hincharse y oscurecerse antes de pelarse. Pus o costras amarillas, enrojecimiento que se extiende, fiebre, ampollas o herpes labial, o un dolor que va en aumento: llame esta misma noche al teléfono de su profesional para fuera de horario, o a un centro de urgencias o un servicio de guardia. Enrojecimiento o hinchazón que empeora después de 48 horas, zonas en carne viva que no se curan o manchas oscuras nuevas: llame a su profesional mañana por la mañana.
deferred-body-check-in = La tirantez, el enrojecimiento, el picor y la descamación son normales; tras un peeling medio, la piel puede hincharse y oscurecerse antes de pelarse. Pus o costras amarillas, enrojecimiento que se extiende, fiebre, ampollas o herpes labial, o un dolor que va en aumento: llame cuanto antes al teléfono de su profesional para fuera de horario, o a un centro de urgencias o un servicio de guardia. Enrojecimiento o hinchazón que empeora después de 48 horas, zonas en carne viva que no se curan o manchas oscuras nuevas: llame a su profesional.

title-evening-care = Limpie e hidrate
body-evening-care = Antes de acostarse: una limpieza suave con agua tibia, seque con toquecitos y luego su crema hidratante. Una funda de almohada limpia ayuda.

## Days 8-14

title-sunscreen-daily = Protector solar a diario
body-sunscreen-daily = Protector solar de amplio espectro FPS 30+ cada mañana mientras la piel nueva se recupera; vuelva a aplicarlo cuando esté al aire libre. El sol sobre la piel nueva puede dejar manchas oscuras.

title-wrap-up = Cuidados posteriores completados
body-wrap-up = Bien hecho: los cuidados adicionales han terminado. Siga protegiendo su piel del sol como le indique su profesional: por lo general, de forma estricta durante al menos 6 semanas después del peeling (algunos recomiendan hasta 3 meses), con protector solar FPS 30+ a diario, sombra y sombrero. Los peelings suelen hacerse en series, con unas semanas entre sesiones: pregunte a su profesional cuándo le toca el siguiente. Si en las próximas semanas aparecen manchas oscuras, un enrojecimiento que no se va o bultitos nuevos, conviene que se los enseñe a su profesional.

## What is usually normal on which days (for the morning summary)

healing-0-1 = enrojecimiento, tirantez, algo de picor y una sensación parecida a una quemadura solar leve; tras un peeling medio puede haber hinchazón.
healing-2-5 = descamación, con escamas finas tras un peeling superficial y láminas más grandes y manchas más oscuras tras uno medio.
healing-6-7 = la descamación termina; la piel nueva está rosada, lisa y sensible.
healing-8-14 = la piel nueva se estabiliza; se quema y se oscurece con más facilidad de lo habitual.

## What each milestone allows again (a noun phrase in the morning summary)
allows-exercise-ok = ejercicio intenso que haga sudar
allows-heat-ok = piscina, sauna, baño de vapor y jacuzzi
allows-actives-ok = retinoides, ácidos, exfoliantes y vitamina C

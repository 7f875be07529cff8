# Spanish translation of plans/dermaroller.toml (plan = "dermaroller").
# Keys: description, title-RULE, body-RULE, allows-RULE, healing-RANGE (the [healing] key, "," written "_").
# Keep the meaning exact; the roller's instructions, and a practitioner's if there is one, come first.
# Terms: practitioner = "su profesional"; doctor = "un médico"; aftercare = cuidados posteriores;
# roller = rodillo; sunscreen = protector solar, SPF = FPS; actives = activos; usually = por lo general; formal "usted".

description = Dermarolling en casa (agujas cortas): unos días de cuidados suaves, protección solar e higiene del rodillo
complete = Este fue el último recordatorio de esta sesión con el rodillo. Siga usando protector solar a diario y no vuelva a usar el rodillo hasta que su piel se haya recuperado por completo, como indican las instrucciones del rodillo.
nothing-off-limits = Ya no hay restricciones; siga con el protector solar cada día.

## Day 0

title-today = Comienzan los cuidados posteriores
body-today = Siga las instrucciones de su rodillo y, si le atiende un profesional, también las suyas. Es normal algo de enrojecimiento durante unas horas. Durante las primeras 24 horas, nada de maquillaje; nada de activos ni exfoliantes hasta que los recordatorios digan que por lo general ya puede volver a usarlos, solo una crema hidratante o un sérum sencillos y sin perfume. El protector solar empieza con sus propios recordatorios.

title-clean-roller = Limpie su rodillo
body-clean-roller = Enjuague el rodillo con agua caliente del grifo, luego sumerja o rocíe el cabezal con alcohol isopropílico al 70 % durante unos minutos, déjelo secar al aire y guárdelo en su estuche. No comparta nunca un rodillo.

title-hydrate = Hidrate su piel
body-hydrate = Con las manos limpias, una crema hidratante sencilla y sin perfume o un sérum hialurónico. Todavía nada con ácidos, retinoides, vitamina C ni perfume.

## The morning routine

title-summary = cuidados posteriores de hoy

title-makeup-ok = Por lo general, ya puede maquillarse
body-makeup-ok = Han pasado al menos 24 horas: si su piel está calmada, por lo general ya puede volver a maquillarse; use brochas limpias. Si las instrucciones de su rodillo o de su profesional indican otra cosa, sígalas.

title-heat-ok = Ejercicio, piscina y sauna
body-heat-ok = Han pasado al menos 48 horas: por lo general, ya puede volver a hacer ejercicio que le haga sudar e ir a la piscina y a la sauna si su piel está calmada. Si las instrucciones de su rodillo o de su profesional indican otra cosa, sígalas.

title-actives-ok = Activos, de uno en uno
body-actives-ok = Han pasado al menos 3 días: si su piel está calmada, por lo general puede volver a introducir los retinoides, los ácidos, la vitamina C y los exfoliantes de uno en uno. ¿Sigue irritada? Espere unos días más y, la próxima vez, pase el rodillo con más suavidad o con menos frecuencia. Si las instrucciones de su rodillo o de su profesional indican otra cosa, sígalas.

title-wrap-up = Hasta la próxima
body-wrap-up = Guarde el rodillo seco en su estuche. Cámbielo después de unos 10 a 15 usos, o antes si las agujas se ven dobladas, desafiladas u oxidadas. Use el rodillo como máximo una vez por semana, y solo cuando su piel se haya recuperado por completo: usarlo con más frecuencia puede dejar cicatrices o manchas. Si las instrucciones de su rodillo o de su profesional indican esperar más, sígalas.

title-morning-care = Limpie e hidrate
body-morning-care = Agua tibia y un limpiador suave, seque a toquecitos con una toalla limpia y luego una crema hidratante sencilla. Todavía nada de activos.

title-sunscreen = Protector solar
body-sunscreen = Protector solar de amplio espectro FPS 30+ (uno mineral suele ser más suave para la piel recién tratada con el rodillo); vuelva a aplicarlo cada 2 horas cuando esté al aire libre.

## The evening routine

title-check-in = ¿Qué aspecto tiene su piel?
body-check-in = A estas alturas, el enrojecimiento debería estar disminuyendo. Pus, enrojecimiento que se extiende, fiebre o un dolor que va en aumento: llame esta misma noche a un médico, o a un centro de urgencias o un servicio de guardia. Enrojecimiento, bultitos o una erupción que duran más de un par de días, o manchas oscuras: deje de usar el rodillo y enseñe su piel a un profesional o a un dermatólogo.
deferred-body-check-in = A estas alturas, el enrojecimiento debería estar disminuyendo. Pus, enrojecimiento que se extiende, fiebre o un dolor que va en aumento: llame cuanto antes a un médico, o a un centro de urgencias o un servicio de guardia. Enrojecimiento, bultitos o una erupción que duran más de un par de días, o manchas oscuras: deje de usar el rodillo y enseñe su piel a un profesional o a un dermatólogo.

title-evening-care = Limpie e hidrate
body-evening-care = Antes de acostarse: una limpieza suave con agua tibia, seque con toquecitos y luego su crema hidratante. Una funda de almohada limpia ayuda.

## What is usually normal on which days (for the morning summary)

healing-0 = enrojecimiento y un ligero calor durante unas horas, como una quemadura solar leve.
healing-1-2 = la piel está casi del todo calmada; puede notarse seca o algo áspera.
healing-3-5 = la piel ha vuelto a la normalidad, aunque puede que aún se queme con el sol más fácilmente de lo habitual.

## What each milestone allows again (a noun phrase in the morning summary)
allows-makeup-ok = maquillaje
allows-heat-ok = ejercicio intenso que haga sudar, piscina y sauna
allows-actives-ok = retinoides, ácidos, exfoliantes y vitamina C

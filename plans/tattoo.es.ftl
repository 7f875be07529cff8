# Spanish translation of plans/tattoo.toml (plan = "tattoo").
# Keys: description, title-RULE, body-RULE, allows-RULE, healing-RANGE (the [healing] key, "," written "_").
# Keep the meaning exact; the artist's instructions come first.
# Terms: artist = "su tatuador"; doctor = "un médico"; aftercare = cuidados posteriores;
# wrap = envoltorio, film = lámina protectora; ointment = pomada; SPF = FPS; usually = por lo general; formal "usted".

description = Tatuaje nuevo: lavado y una capa fina de pomada dos o tres veces al día durante dos semanas, sin sumergirlo en agua y sin sol
complete = Este fue el último recordatorio de su plan de cuidados del tatuaje. Hasta que se cure por completo, manténgalo limpio, hidratado y fuera del sol; después, FPS 30+ sobre él cuando esté al sol. Las indicaciones de su tatuador tienen prioridad.
nothing-off-limits = Ya no hay restricciones una vez que el tatuaje se ha curado por completo; hasta entonces, nada de sumergirlo en agua ni de sol sobre él.

## Day 0

title-today = Comienzan los cuidados posteriores
body-today = Las indicaciones de su tatuador tienen prioridad; estos recordatorios siguen un plan habitual. Mantenga puesto el apósito o la lámina protectora el tiempo que le indicó su tatuador. Lávese las manos antes de tocar el tatuaje. Nada de nadar, bañarse en bañera ni usar el jacuzzi, y nada de sol sobre el tatuaje, hasta que se haya curado.

title-first-wash = Primer lavado
body-first-wash = Si su tatuador le dijo que ya puede quitarse el apósito: lave el tatuaje con suavidad con agua tibia y un jabón suave sin perfume, con las manos limpias y sin paño. Séquelo a toquecitos con una toalla de papel limpia y aplique una capa fina de la pomada que le recomendó su tatuador. Una lámina pensada para llevarse varios días se deja puesta.

title-night-care = Antes de acostarse
body-night-care = Un lavado suave si lo nota pegajoso, seque con toquecitos y una capa fina de pomada. Sábanas limpias y ropa holgada; intente no dormir sobre el tatuaje.

## The morning routine

title-summary = cuidados de hoy para su tatuaje

title-exercise-ok = Ejercicio, con cuidado
body-exercise-ok = Han pasado al menos 48 horas: por lo general, ya puede volver a hacer ejercicio si nada roza el tatuaje. Limpie el equipo compartido, lleve ropa holgada encima y lave el tatuaje con suavidad después.

title-swim-ok = Natación, una vez curado
body-swim-ok = Han pasado dos semanas: por lo general, podrá volver a nadar, bañarse en bañera y usar el jacuzzi cuando el tatuaje se haya curado por completo, a menudo al cabo de unas 2 a 4 semanas. No mientras todavía tenga costras, se pele o brille: espere y, si tiene dudas, pregunte a su tatuador. Manténgalo alejado del sol fuerte unas semanas más y, una vez curado, aplíquele FPS 30+ cuando esté al sol.

title-morning-care = Lave y aplique una capa fina
body-morning-care = Lave el tatuaje con suavidad con agua tibia y jabón sin perfume, seque con toquecitos y aplique una capa fina de pomada: una película, no una capa gruesa. Cuando empiece a descamarse, por lo general se pasa a una loción sin perfume, según le indique su tatuador.

title-midday-care = Una capa fina, si está seco
body-midday-care = Si nota el tatuaje tirante o seco, lávese las manos y aplique una capa fina. Manténgalo protegido del sol: ropa holgada encima y, de momento, nada de protector solar sobre la piel que se está curando.

title-no-picking = No toque el tatuaje
body-no-picking = La descamación, la piel que se pela y el picor son normales ahora. No toquetee, rasque ni arranque las costras: puede sacar tinta y dejar cicatriz. Para el picor, una compresa fresca o una capa fina de loción.

## The evening routine

title-check-in = ¿Qué aspecto tiene su tatuaje?
body-check-in = El enrojecimiento, la hinchazón, la sensibilidad y que salga algo de líquido transparente o de tinta son normales los primeros días. Pus, enrojecimiento que se extiende o forma líneas, calor o dolor que aumentan, fiebre o escalofríos: llame esta misma noche a un médico, o a un centro de urgencias o un servicio de guardia. Bultitos elevados que pican solo donde hay un color de tinta concreto, o una erupción que no desaparece: dígaselo a su tatuador y acuda a un médico.
deferred-body-check-in = El enrojecimiento, la hinchazón, la sensibilidad y que salga algo de líquido transparente o de tinta son normales los primeros días. Pus, enrojecimiento que se extiende o forma líneas, calor o dolor que aumentan, fiebre o escalofríos: llame cuanto antes a un médico, o a un centro de urgencias o un servicio de guardia. Bultitos elevados que pican solo donde hay un color de tinta concreto, o una erupción que no desaparece: dígaselo a su tatuador y acuda a un médico.

title-evening-care = Lave y aplique una capa fina
body-evening-care = Antes de acostarse: un lavado suave, seque con toquecitos y una capa fina. Puede darse duchas cortas; nada de sumergirlo en agua. Ayudan las sábanas limpias y la ropa holgada.

## The end

title-wrap-up = Cuidados diarios terminados
body-wrap-up = Han terminado las dos semanas de cuidados diarios. La superficie suele curarse en un plazo de 2 a 4 semanas y la piel de debajo puede tardar más: mantenga el tatuaje hidratado mientras esté seco y, una vez curado, el FPS 30+ sobre él al sol conserva los colores. Si aparece un bulto, una erupción o un picor que no desaparece, conviene que lo vea un médico.

## What is usually normal on which days (for the morning summary)

healing-0-3 = enrojecimiento, hinchazón y sensibilidad; puede salir líquido transparente o un poco de tinta.
healing-4-7 = costras finas y descamación; el picor es frecuente.
healing-8-14 = la descamación remite; el tatuaje puede verse turbio o apagado mientras se forma piel nueva.
healing-15 = la superficie está casi curada; la piel de debajo puede tardar más.

## What each milestone allows again (a noun phrase in the morning summary)
allows-exercise-ok = ejercicio
allows-swim-ok = natación, baños de inmersión y jacuzzi

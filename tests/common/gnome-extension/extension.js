/* Test-only GNOME Shell 43 extension for aftercare's end-to-end tests
 * (tests/servers.rs); never installed by aftercare itself.
 *
 * Exposes org.aftercare.TestShell on the session bus:
 *   Notifications() -> JSON: every notification in the message tray, with
 *     its source's app id (what the desktop-entry hint matched), its action
 *     labels, and whether its banner is on screen.
 *   HasApp(id) -> "true" | "false": whether the shell knows the
 *     application `id` (a .desktop file).
 *   Click(title, label) -> how: press the button `label` of the banner of
 *     the notification titled `title` the way a person does, with a
 *     virtual pointer: onto the banner (which expands it and shows its
 *     buttons), then a click on the button. Fails with NotShown while no
 *     such banner is on screen (the shell shows one at a time).
 *
 * It also dismisses the shell's own notices ("Logged in as a privileged
 * user", "Screen Lock disabled"): while the session is idle GNOME keeps a
 * banner up, and those would hold the only banner slot.
 */
const { Clutter, Gio, GLib, Shell, St } = imports.gi;
const Main = imports.ui.main;
const MessageTray = imports.ui.messageTray;

const IFACE = `<node>
  <interface name="org.aftercare.TestShell">
    <method name="Notifications">
      <arg type="s" direction="out" name="json"/>
    </method>
    <method name="HasApp">
      <arg type="s" direction="in" name="id"/>
      <arg type="s" direction="out" name="known"/>
    </method>
    <method name="Click">
      <arg type="s" direction="in" name="title"/>
      <arg type="s" direction="in" name="label"/>
      <arg type="s" direction="out" name="how"/>
    </method>
  </interface>
</node>`;

function buttons(actor, out = []) {
    if (actor instanceof St.Button)
        out.push(actor);
    for (const c of actor.get_children())
        buttons(c, out);
    return out;
}

class Hooks {
    Notifications() {
        const banner = Main.messageTray._banner;
        const all = [];
        for (const source of Main.messageTray.getSources()) {
            for (const n of source.notifications) {
                all.push({
                    title: n.title,
                    body: n.bannerBodyText,
                    source: source.title,
                    app: source.app ? source.app.get_id() : null,
                    actions: n.actions.map(a => a.label),
                    resident: n.resident,
                    transient: n.isTransient,
                    banner: !!banner && banner.notification === n,
                });
            }
        }
        return JSON.stringify(all);
    }

    HasApp(id) {
        return Shell.AppSystem.get_default().lookup_app(id) ? 'true' : 'false';
    }

    // A person's click: the pointer onto the banner (a hover expands it and
    // shows its buttons), then a click on the button.
    ClickAsync([title, label], invocation) {
        const tray = Main.messageTray;
        const banner = tray._banner;
        if (!banner || !banner.notification || !banner.notification.title.includes(title) ||
            tray._notificationState !== MessageTray.State.SHOWN) {
            invocation.return_dbus_error('org.aftercare.TestShell.NotShown',
                `no banner titled ${title} on screen (now: ${banner?.notification?.title ?? 'none'})`);
            return;
        }
        if (!this._pointer) {
            const seat = Clutter.get_default_backend().get_default_seat();
            this._pointer = seat.create_virtual_device(Clutter.InputDeviceType.POINTER_DEVICE);
        }
        const move = (x, y) => this._pointer.notify_absolute_motion(GLib.get_monotonic_time(), x, y);
        const away = () => move(0, global.stage.height - 1);
        const mapped = () => buttons(banner).find(b => b.label === label && b.mapped);
        // One step per 100 ms (motion events within a frame are merged):
        // away from the banner, onto it, wait for the buttons; again if they
        // do not come (a banner that popped up under the pointer expands
        // only once the pointer left it and came back).
        let phase = 'away', waited = 0, ticks = 0;
        GLib.timeout_add(GLib.PRIORITY_DEFAULT, 100, () => {
            if (tray._banner !== banner || ++ticks > 150) {
                invocation.return_dbus_error('org.aftercare.TestShell.NoButton',
                    `no button ${label} came up on the banner (buttons: ${buttons(banner).map(b => `${b.label} mapped=${b.mapped}`)})`);
                return GLib.SOURCE_REMOVE;
            }
            if (phase === 'away') {
                away();
                phase = 'in';
            } else if (phase === 'in') {
                const [bx, by] = banner.get_transformed_position();
                const [bw, bh] = banner.get_transformed_size();
                move(bx + bw / 2, by + bh / 2);
                phase = 'wait';
                waited = 0;
            } else if (phase === 'wait') {
                const button = mapped();
                if (button) {
                    const [x, y] = button.get_transformed_position();
                    const [w, h] = button.get_transformed_size();
                    this._at = [Math.round(x + w / 2), Math.round(y + h / 2)];
                    move(...this._at);
                    phase = 'press';
                } else if (++waited > 10) {
                    phase = 'away';
                }
            } else {
                const t = GLib.get_monotonic_time();
                this._pointer.notify_button(t, Clutter.BUTTON_PRIMARY, Clutter.ButtonState.PRESSED);
                this._pointer.notify_button(t + 50000, Clutter.BUTTON_PRIMARY, Clutter.ButtonState.RELEASED);
                // and on, away from the banner, as a person does
                GLib.timeout_add(GLib.PRIORITY_DEFAULT, 100, () => {
                    away();
                    return GLib.SOURCE_REMOVE;
                });
                invocation.return_value(new GLib.Variant('(s)',
                    [`pointer click at ${this._at} on the banner's ${label} button`]));
                return GLib.SOURCE_REMOVE;
            }
            return GLib.SOURCE_CONTINUE;
        });
    }
}

// The shell's own notices, not a test's.
function dismissSystem(source) {
    if (source instanceof MessageTray.SystemNotificationSource) {
        GLib.idle_add(GLib.PRIORITY_DEFAULT, () => {
            source.destroy();
            return GLib.SOURCE_REMOVE;
        });
    }
}

class Extension {
    enable() {
        Main.messageTray.getSources().forEach(dismissSystem);
        this._added = Main.messageTray.connect('source-added', (tray, source) => dismissSystem(source));
        this._impl = Gio.DBusExportedObject.wrapJSObject(IFACE, new Hooks());
        this._impl.export(Gio.DBus.session, '/org/aftercare/TestShell');
        this._name = Gio.bus_own_name_on_connection(Gio.DBus.session,
            'org.aftercare.TestShell', Gio.BusNameOwnerFlags.NONE, null, null);
    }

    disable() {
        Main.messageTray.disconnect(this._added);
        Gio.bus_unown_name(this._name);
        this._impl.unexport();
        this._impl = null;
    }
}

function init() {
    return new Extension();
}

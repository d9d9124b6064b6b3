## Administratoren und Einladungen
admins-invited = Einladung versendet. Die E-Mail ist unterwegs.
admins-resent = Ein neuer Einladungslink wurde versendet; der alte funktioniert nicht mehr.
admins-cancelled = Die Einladung wurde zurückgezogen; ihr Link funktioniert nicht mehr.
admins-disabled-notice = Der Administrator wurde deaktiviert und überall abgemeldet.
admins-enabled-notice = Der Administrator wurde aktiviert und kann sich wieder anmelden.
admins-staff = Mitarbeiter
admins-last-login = Letzte Anmeldung
admins-disabled = Deaktiviert
admins-never = Nie
admins-enable = Aktivieren
admins-disable = Deaktivieren
admins-pending = Offene Einladungen
admins-no-pending = Keine offenen Einladungen.
admins-invited-by = Eingeladen von
admins-invited-by-system = Staffdesk (System)
admins-sent = Gesendet
admins-expires = Läuft ab
admins-mail-status = E-Mail-Status
admins-expired = Abgelaufen
admins-resend = Erneut senden
admins-resend-named = Einladung für { $email } erneut senden
admins-cancel = Zurückziehen
admins-cancel-named = Einladung für { $email } zurückziehen

## E-Mails
mail-reset-subject = Neues Staffdesk-Passwort festlegen
mail-reset-body = { $who } hat das Passwort Ihres Staffdesk-Kontos bei { $organization } ({ $username }) zurückgesetzt.
mail-reset-action-text = Wählen Sie hier ein neues Passwort:
mail-reset-button = Neues Passwort wählen
mail-reset-expiry = Der Link funktioniert einmal, bis { $expiry }. Ihr altes Passwort gilt weiter, bis Sie ein neues wählen. Wenn Sie das nicht erwartet haben, sagen Sie es { $who } oder einem anderen Administrator.

## Administrator bearbeiten und Passwortlinks
edit-admin-reset-sent = Ein Link zum Festlegen des Passworts wurde per E-Mail gesendet. Er funktioniert einmal, 24 Stunden lang.
edit-admin-enable = Konto aktivieren
edit-admin-disable = Konto deaktivieren
edit-admin-back = ← Alle Administratoren
edit-admin-username-fixed = Benutzernamen können nicht geändert werden.
edit-admin-own-role = Sie können Ihre eigene Rolle nicht ändern.
edit-admin-roles-offered = Angeboten werden nur Rollen, deren Berechtigungen Sie selbst haben.
edit-admin-reset-text = Senden Sie einen Einmal-Link per E-Mail, mit dem ein neues Passwort gewählt wird. Er gilt 24 Stunden; das bisherige Passwort funktioniert bis dahin weiter.
edit-admin-reset-submit = Link zum Zurücksetzen senden
edit-admin-status = Kontostatus
edit-admin-disabled-text = Dieses Konto ist deaktiviert: Es kann sich nicht anmelden. Nach dem Aktivieren ist die Anmeldung mit dem bisherigen Passwort wieder möglich.
edit-admin-enabled-text = Deaktivieren meldet das Konto überall ab und verhindert weitere Anmeldungen. Der Verlauf bleibt erhalten.
admins-error-own-account = Sie können Ihr eigenes Konto nicht deaktivieren.
admins-error-own-role = Sie können Ihre eigene Rolle nicht ändern. Bitten Sie einen anderen Administrator.
admins-error-own-email = Ändern Sie Ihre eigene E-Mail-Adresse unter „Mein Konto“, wo Ihr aktuelles Passwort sie bestätigt.
admins-error-last-full = Dies ist der letzte aktive Vollständige Administrator. Geben Sie zuerst einem anderen Administrator die Rolle Vollständiger Administrator.
admins-error-superior = Die Rolle dieses Administrators enthält „{ $permission }“, Ihre nicht. Nur ein Administrator mit allen seinen Berechtigungen kann sein Konto ändern.
admins-error-not-yours = Sie können nur Rollen vergeben, deren Berechtigungen Sie selbst haben, und Ihre Rolle enthält „{ $permission }“ nicht.
admins-error-email-taken = Ein anderer Administrator verwendet diese E-Mail-Adresse bereits.
admins-error-disabled = Dieses Konto ist deaktiviert. Aktivieren Sie es, bevor Sie einen Passwortlink senden.
reset-title = Neues Passwort wählen
reset-for = { $name }, wählen Sie ein neues Passwort für Ihr Konto { $username }.
reset-expiry = Dieser Link funktioniert einmal, bis { $expires }. Das Festlegen eines Passworts meldet Sie überall ab.
reset-to-login = Zur Anmeldung
reset-submit = Passwort festlegen
link-reset-not-found-title = Dieser Passwortlink ist ungültig
link-reset-expired-title = Dieser Passwortlink ist abgelaufen
link-reset-superseded-title = Ein neuerer Passwortlink hat diesen ersetzt
link-reset-used-title = Dieser Passwortlink wurde bereits verwendet
link-reset-disabled-title = Dieses Konto ist deaktiviert
link-reset-expired-text = Passwortlinks gelten 24 Stunden. Bitten Sie einen Administrator, Ihnen einen neuen zu senden.
link-reset-superseded-text = Ihnen wurde eine neuere E-Mail gesendet; verwenden Sie den Link aus der neuesten.
link-reset-used-text = Ihr Passwort wurde damit bereits festgelegt. Melden Sie sich an oder bitten Sie einen Administrator um einen neuen Link.
link-reset-disabled-text = Bitten Sie zuerst einen Administrator, Ihr Konto zu aktivieren.

## Zwei-Faktor-Authentifizierung
edit-admin-2fa-on = Die Zwei-Faktor-Authentifizierung ist für diesen Administrator eingeschaltet.
edit-admin-2fa-off = Die Zwei-Faktor-Authentifizierung ist für diesen Administrator ausgeschaltet.
edit-admin-2fa-reset-text = Hat er Telefon und Wiederherstellungscodes verloren, setzen Sie sie zurück: Er kann sich dann mit seinem Passwort anmelden und sie neu einrichten. Er wird per E-Mail informiert.
edit-admin-2fa-reset-submit = Zwei-Faktor-Authentifizierung zurücksetzen
edit-admin-2fa-reset-done = Die Zwei-Faktor-Authentifizierung wurde zurückgesetzt und der Administrator per E-Mail informiert.

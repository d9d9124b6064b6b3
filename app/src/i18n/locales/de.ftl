## Navigation und Seitenrahmen
nav-dashboard = Übersicht

## Fehler
error-not-found = Die angeforderte Seite oder der Datensatz existiert nicht.
error-unauthenticated = Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an.
error-forbidden = Ihre Administratorrolle enthält die Berechtigung „{ $permission }“ nicht. Wenden Sie sich an einen Vollständigen Administrator, wenn Sie sie benötigen.
error-busy = Der Server ist gerade ausgelastet. Bitte versuchen Sie es gleich noch einmal.
error-internal-reference = Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es erneut; wenn es wieder passiert, nennen Sie die Referenz { $reference }.
error-bad-request = Das Formular war unvollständig oder fehlerhaft. Bitte laden Sie die Seite neu und versuchen Sie es erneut.
error-network = Der Server war nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.
error-internal = Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es erneut.

## Prüfregeln
validation-required = Dieses Feld ist erforderlich.
validation-too-long = Höchstens { $max } Zeichen.
validation-control-character = Darf keine Steuerzeichen enthalten.
validation-invisible-character = Darf keine unsichtbaren Zeichen oder Textrichtungszeichen enthalten.
validation-email-format = Geben Sie eine E-Mail-Adresse wie name@example.com ein.
validation-username-start = Ein Benutzername muss mit einem Buchstaben (A–Z oder a–z) beginnen.
validation-username-characters = Ein Benutzername darf nur Buchstaben (A–Z, a–z) und Ziffern enthalten, ohne Leerzeichen oder Sonderzeichen.
validation-password-too-short = Verwenden Sie mindestens { $min } Zeichen.
validation-password-too-long = Verwenden Sie höchstens { $max } Bytes.
validation-password-forbidden = Ein Passwort darf die Zeichen & " ' < und > nicht enthalten.
validation-password-common = Dieses Passwort ist zu verbreitet. Wählen Sie eines, das schwerer zu erraten ist.
validation-passwords-differ = Die beiden Passwörter stimmen nicht überein.
validation-permission-needs = „{ $permission }“ setzt „{ $requires }“ voraus. Wählen Sie beide oder keine.
validation-unknown-permission = Wählen Sie aus den aufgeführten Berechtigungen.
validation-unknown-choice = Wählen Sie eine der aufgeführten Möglichkeiten.

## Berechtigungen und ihre Bereiche
permission-admins-view = Administratoren ansehen
permission-admins-manage = Administratoren verwalten
permission-invitations-send = Einladungen versenden
permission-roles-manage = Administratorrollen verwalten
permission-departments-view = Support-Abteilungen ansehen
permission-departments-manage = Support-Abteilungen verwalten
permission-settings-manage = Einstellungen verwalten
permission-audit-view = Aktivitätsprotokoll ansehen
permission-audit-export = Aktivitätsprotokoll exportieren
permission-security-bans = Anmeldesperren verwalten
permission-tickets-view = Support-Tickets ansehen
permission-tickets-reply = Auf Support-Tickets antworten
permission-clients-view = Kunden ansehen
permission-clients-manage = Kunden verwalten
permission-reports-view = Berichte ansehen
area-staff = Mitarbeiter & Rollen
area-invitations = Einladungen
area-departments = Abteilungen
area-settings = Einstellungen
area-audit-log = Aktivitätsprotokoll
area-support = Support
area-clients = Kunden
area-reports = Berichte

## Formulare
form-optional = (optional)
form-strength-weak = Schwach: Verwenden Sie ein längeres Passwort.
form-strength-fair = Mittel: Länger und mit Ziffern, Symbolen sowie Groß- und Kleinbuchstaben ist es stärker.
form-strength-strong = Starkes Passwort.

## Gemeinsame Wörter
common-loading = Wird geladen …
common-actions = Aktionen
common-edit = Bearbeiten
common-edit-named = { $name } bearbeiten
common-to-dashboard = Zur Übersicht

## Rollen
roles-title = Administratorrollen
roles-add = Rolle hinzufügen
roles-lead = Eine Rolle ist die Menge der Berechtigungen ihrer Administratoren. Jeder Administrator hat genau eine Rolle.
roles-created = Die Rolle wurde angelegt.
roles-saved = Die Rolle wurde gespeichert. Administratoren mit dieser Rolle haben die neuen Berechtigungen ab ihrem nächsten Klick.
roles-deleted = Die Rolle wurde gelöscht.
roles-every-permission = Alle Berechtigungen, auch solche, die künftige Versionen hinzufügen
roles-no-permissions = Keine Berechtigungen
roles-heading = Rollen
roles-col-role = Rolle
roles-col-admins = Administratoren
roles-col-permissions = Berechtigungen
roles-built-in = Vorgegeben
roles-duplicate = Duplizieren
roles-duplicate-named = { $name } duplizieren
roles-delete = Löschen
roles-delete-named = { $name } löschen
roles-edit-heading = Rolle bearbeiten: { $name }
roles-name = Name der Rolle
roles-built-in-name = Vorgegebene Rollen behalten ihren Namen.
roles-in-use = { $count ->
    [0] Noch kein Administrator hat diese Rolle.
    [one] 1 Administrator hat diese Rolle; Änderungen gelten für ihn sofort.
   *[other] { $count } Administratoren haben diese Rolle; Änderungen gelten für sie sofort.
}
roles-back = ← Alle Rollen
roles-save = Rolle speichern
roles-create = Rolle anlegen
roles-needs = Setzt voraus: { $names }
roles-copy-of = Kopie von { $name }
roles-error-name-taken = Eine Rolle namens „{ $name }“ existiert bereits.
roles-error-full-locked = Vollständiger Administrator hat immer alle Berechtigungen; diese Rolle kann weder bearbeitet noch gelöscht werden.
roles-error-built-in-delete = Vorgegebene Rollen können nicht gelöscht werden. Entfernen Sie stattdessen ihre Berechtigungen, wenn niemand sie nutzen soll.
roles-error-own-role = Sie können die Rolle, die Sie selbst haben, weder ändern noch löschen. Bitten Sie einen anderen Administrator.
roles-error-not-yours = Sie können nur Berechtigungen vergeben, die Sie selbst haben, und Ihre Rolle enthält „{ $permission }“ nicht.
roles-error-in-use = Diese Rolle kann nicht gelöscht werden: { $admins ->
    [0] { $invitations ->
        [one] 1 offene Einladung bietet sie an
       *[other] { $invitations } offene Einladungen bieten sie an
    }
    [one] 1 Administrator nutzt sie{ $invitations ->
        [0] {""}
        [one] {" "}und 1 offene Einladung bietet sie an
       *[other] {" "}und { $invitations } offene Einladungen bieten sie an
    }
   *[other] { $admins } Administratoren nutzen sie{ $invitations ->
        [0] {""}
        [one] {" "}und 1 offene Einladung bietet sie an
       *[other] {" "}und { $invitations } offene Einladungen bieten sie an
    }
}. Weisen Sie zuerst eine andere Rolle zu.

## Seitenrahmen
nav-admins = Administratoren
nav-roles = Rollen
nav-departments = Abteilungen
nav-account = Konto
nav-my-account = Mein Konto
nav-skip = Zum Inhalt springen
app-tagline = Verwaltungsbereich für Mitarbeiter
notfound-title = Seite nicht gefunden
notfound-text = Unter dieser Adresse gibt es keine Seite. Vielleicht wurde sie verschoben oder der Link ist falsch geschrieben.
errorpage-title = Etwas ist schiefgelaufen
errorpage-heading = Diese Seite kann nicht angezeigt werden
errorpage-forbidden-title = Zugriff verweigert

## Anmeldung
login-title = Anmelden
login-heading = Bei Staffdesk anmelden
login-password-set = Ihr neues Passwort ist gesetzt. Melden Sie sich damit an.
login-submit = Anmelden
login-error-invalid = Benutzername oder Passwort ist falsch.
login-error-banned = Zu viele fehlgeschlagene Anmeldungen von Ihrer Adresse. Anmeldungen von ihr sind noch { $minutes ->
    [one] 1 Minute
   *[other] { $minutes } Minuten
} gesperrt.
login-error-throttled = Zu viele fehlgeschlagene Anmeldungen für dieses Konto in der letzten Stunde. Bitte versuchen Sie es später erneut.
login-error-too-many-attempts = Von Ihrer Adresse werden gerade zu viele Anmeldungen gleichzeitig versucht. Bitte warten Sie eine Minute und versuchen Sie es erneut.
nav-logout = Abmelden
nav-language = Sprache
field-username = Benutzername
field-password = Passwort
field-first-name = Vorname
field-last-name = Nachname
field-email = E-Mail
field-role = Administratorrolle
field-departments = Support-Abteilungen
field-ticket-notifications = Ticket-Benachrichtigungen
field-no-departments = Es gibt noch keine Abteilungen.

## Übersicht
dashboard-heading = Admin-Übersicht
dashboard-welcome = Willkommen, { $name }. Sie sind angemeldet als { $role }.
dashboard-system = System
dashboard-version = Version
dashboard-database = Datenbank
dashboard-status = Status
dashboard-healthy = In Ordnung
dashboard-unavailable = Nicht erreichbar
dashboard-manage-departments = Abteilungen verwalten

## Abteilungen
departments-title = Support-Abteilungen
departments-lead = Tickets werden Abteilungen zugeordnet; Mitarbeiter wählen, welche Abteilungen sie benachrichtigen.
departments-saved = Die Abteilung wurde gespeichert.
departments-hidden-notice = Die Abteilung ist ausgeblendet: Sie wird nirgends mehr angeboten. Ihre Mitglieder behalten sie.
departments-shown-notice = Die Abteilung ist wieder sichtbar.
departments-empty = Noch keine Abteilungen.
departments-name = Name
departments-description = Beschreibung
departments-hidden = Ausgeblendet
departments-show = Einblenden
departments-hide = Ausblenden
departments-show-named = { $name } einblenden
departments-hide-named = { $name } ausblenden
departments-add = Abteilung hinzufügen
departments-add-submit = Abteilung hinzufügen
departments-edit-heading = Abteilung bearbeiten: { $name }
departments-back = ← Alle Abteilungen
departments-save = Abteilung speichern
departments-error-name-taken = Eine Abteilung namens „{ $name }“ existiert bereits.

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
mail-sent = Gesendet
mail-queued = In Warteschlange
mail-failed = Fehlgeschlagen
mail-failed-detail = nach { $attempts ->
    [one] 1 Versuch
   *[other] { $attempts } Versuchen
}, wird wiederholt: { $error }
invite-title = Administrator hinzufügen
invite-lead = Der neue Administrator erhält eine E-Mail mit einem Link, um Benutzernamen und Passwort zu wählen.
invite-username-help = Leer lassen, damit er ihn selbst wählt. Beginnt mit einem Buchstaben; nur Buchstaben und Ziffern.
invite-submit = Einladung senden
invite-error-email-is-admin = Es gibt bereits einen Administrator mit dieser E-Mail-Adresse.
invite-error-pending = Für diese E-Mail-Adresse gibt es bereits eine offene Einladung. Verwenden Sie „Erneut senden“ in der Liste der offenen Einladungen (Einladung #{ $id }), um einen neuen Link zu senden.
invite-error-username-taken = Dieser Benutzername ist bereits vergeben.
invite-error-unknown-role = Wählen Sie eine der aufgeführten Rollen.
invite-error-unknown-department = Wählen Sie aus den aufgeführten Abteilungen.
invite-error-not-pending-accepted = Diese Einladung kann nicht mehr geändert werden: Sie wurde angenommen.
invite-error-not-pending-cancelled = Diese Einladung kann nicht mehr geändert werden: Sie wurde zurückgezogen oder ersetzt.
invite-error-not-pending-replaced = Diese Einladung kann nicht mehr geändert werden: Eine neuere Einladung hat sie ersetzt.
invite-error-not-pending-changed = Diese Einladung kann nicht mehr geändert werden: Jemand anderes hat sie inzwischen geändert.
field-language = Sprache
field-password-confirmation = Passwort bestätigen
password-rules = Mindestens 12 Zeichen, ohne & " ' < oder >. Ein langes Passwort mit Ziffern, Symbolen sowie Groß- und Kleinbuchstaben ist am stärksten.

## Einladung annehmen und geheime Links
accept-title = Einladung annehmen
accept-heading = Nehmen Sie Ihre Einladung an
accept-invited = { $name }, Sie sind als { $role } in den Verwaltungsbereich von { $organization } eingeladen.
accept-account = Ihr Konto verwendet { $email }. Diese Einladung läuft am { $expires } ab.
accept-username-preset = Vom einladenden Administrator festgelegt.
accept-username-help = Beginnt mit einem Buchstaben; nur Buchstaben (A–Z, a–z) und Ziffern, keine Leerzeichen.
accept-submit = Konto anlegen
accept-error-username-taken = Dieser Benutzername ist bereits vergeben. Wählen Sie einen anderen.
accept-error-email-is-admin = Für diese E-Mail-Adresse gibt es bereits ein Administratorkonto. Melden Sie sich stattdessen an.
accept-error-contact = Wenden Sie sich für eine neue Einladung an { $name } ({ $email }).
link-contact = Bitte wenden Sie sich an den Administrator, der Sie eingeladen hat, und bitten Sie um eine neue Einladung.
link-contact-named = Bitte wenden Sie sich an { $name }, die Person, die Sie eingeladen hat, und bitten Sie um eine neue Einladung:
link-not-found-text = Der Link ist vielleicht unvollständig; prüfen Sie, ob Sie ihn ganz aus der E-Mail kopiert haben.
link-invite-not-found-title = Dieser Einladungslink ist ungültig
link-invite-expired-title = Diese Einladung ist abgelaufen
link-invite-cancelled-title = Diese Einladung wurde zurückgezogen
link-invite-superseded-title = Eine neuere Einladung hat diese ersetzt
link-invite-used-title = Diese Einladung wurde bereits verwendet
link-invite-expired-text = Einladungen gelten nur für begrenzte Zeit.
link-invite-cancelled-text = Der Administrator, der Sie eingeladen hat, hat diese Einladung zurückgezogen.
link-invite-superseded-text = Ihnen wurde eine neue Einladungs-E-Mail gesendet; verwenden Sie den Link aus der neuesten.
link-invite-used-text = Damit wurde bereits ein Konto angelegt. Wenn Sie das waren, melden Sie sich stattdessen an.

## E-Mails
mail-greeting = Hallo { $first },
mail-or-link = Oder öffnen Sie diesen Link:
mail-invite-who = { $name } von { $organization }
mail-invite-subject = Sie wurden zu Staffdesk eingeladen
mail-invite-body = { $who } hat Sie als { $role } in den Verwaltungsbereich von { $organization } in Staffdesk eingeladen.
mail-invite-action-text = Nehmen Sie die Einladung hier an und wählen Sie Benutzernamen und Passwort:
mail-invite-button = Einladung annehmen
mail-invite-expiry = Diese Einladung läuft am { $expiry } ab. Wenn Sie sie nicht erwartet haben, können Sie diese E-Mail ignorieren.
mail-reset-subject = Neues Staffdesk-Passwort festlegen
mail-reset-body = { $who } hat das Passwort Ihres Staffdesk-Kontos bei { $organization } ({ $username }) zurückgesetzt.
mail-reset-action-text = Wählen Sie hier ein neues Passwort:
mail-reset-button = Neues Passwort wählen
mail-reset-expiry = Der Link funktioniert einmal, bis { $expiry }. Ihr altes Passwort gilt weiter, bis Sie ein neues wählen. Wenn Sie das nicht erwartet haben, sagen Sie es { $who } oder einem anderen Administrator.

## Administrator bearbeiten und Passwortlinks
common-saved = Die Änderungen wurden gespeichert.
common-save-changes = Änderungen speichern
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
field-new-password = Neues Passwort
field-new-password-confirmation = Neues Passwort bestätigen
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

## Mein Konto
account-profile = Profil
account-signed-in-as = Benutzername { $username } · { $role }
account-notifications = Ticket-Benachrichtigungen
account-no-memberships = Sie gehören noch keiner Support-Abteilung an. Ein Administrator kann Sie einer hinzufügen.
account-notifications-help = Eine E-Mail erhalten, wenn in diesen Abteilungen ein Ticket eingeht.
account-signature = Ticket-Signatur
account-signature-help = Reiner Text, der unter Ihre Ticket-Antworten gesetzt wird. Höchstens 1000 Zeichen.
account-signature-preview = Vorschau einer Antwort
account-signature-sample = Vielen Dank für Ihre Nachricht. Ihr Anliegen ist gelöst; melden Sie sich gern, wenn noch etwas ist.
account-current-password = Aktuelles Passwort
account-current-password-help = Zum Speichern jeder Änderung hier erforderlich.
account-change-password = Passwort ändern
account-log-out-others = Meine anderen Sitzungen abmelden
account-password-changed = Ihr Passwort wurde geändert. { $ended ->
    [0] Keine andere Sitzung wurde abgemeldet.
    [one] 1 andere Sitzung wurde abgemeldet.
   *[other] { $ended } andere Sitzungen wurden abgemeldet.
}
account-session-ended = Die Sitzung wurde abgemeldet.
account-sessions = Aktive Sitzungen
account-device = Gerät
account-ip = IP-Adresse
account-started = Begonnen
account-last-seen = Zuletzt aktiv
account-this-session = Diese Sitzung
account-unknown-device = Unbekanntes Gerät
account-end-session = Diese Sitzung abmelden
account-error-wrong-password = Das aktuelle Passwort ist falsch. Es wurde nichts geändert.

## Aktivitätsprotokoll und Anmeldeverlauf
audit-title = Aktivitätsprotokoll
audit-lead = Alles, was Mitarbeiter und das System getan haben, das Neueste zuerst. Hier kann nichts geändert oder gelöscht werden.
audit-export = CSV exportieren
audit-older = Ältere Einträge →
audit-filter = Filter
audit-from = Von
audit-to = Bis
audit-actor = Wer
audit-anyone = Alle
audit-action = Aktion
audit-any-action = Jede Aktion
audit-search = Suche
audit-apply = Anwenden
audit-clear = Zurücksetzen
audit-events = Einträge
audit-empty = Noch nichts aufgezeichnet.
audit-time = Zeit
audit-target = Betrifft
audit-before = Vorher
audit-after = Nachher
logins-heading = Anmeldeverlauf: { $name }
logins-empty = Noch keine Anmeldungen.
logins-result = Ergebnis
logins-succeeded = Erfolgreich
logins-failed = Fehlgeschlagen
logins-link = Anmeldeverlauf
audit-action-auth-login = Angemeldet
audit-action-auth-login-failed = Fehlgeschlagene Anmeldung
audit-action-auth-ip-banned = IP-Adresse gesperrt
audit-action-auth-logout = Abgemeldet
audit-action-invitation-sent = Einladung versendet
audit-action-invitation-resent = Einladung erneut gesendet
audit-action-invitation-cancelled = Einladung zurückgezogen
audit-action-invitation-accepted = Einladung angenommen
audit-action-invitation-expired = Einladung abgelaufen
audit-action-admin-created = Administrator angelegt
audit-action-admin-updated = Administrator geändert
audit-action-admin-disabled = Administrator deaktiviert
audit-action-admin-enabled = Administrator aktiviert
audit-action-admin-password-reset-sent = Passwortlink gesendet
audit-action-admin-password-reset-used = Passwort per Link festgelegt
audit-action-role-created = Rolle angelegt
audit-action-role-updated = Rolle geändert
audit-action-role-deleted = Rolle gelöscht
audit-action-department-created = Abteilung angelegt
audit-action-department-updated = Abteilung geändert
audit-action-department-hidden = Abteilung ausgeblendet
audit-action-department-shown = Abteilung eingeblendet
audit-action-account-updated = Eigenes Konto geändert
audit-action-account-password-changed = Eigenes Passwort geändert
audit-action-account-session-ended = Sitzung abgemeldet
audit-action-audit-exported = Aktivitätsprotokoll exportiert

## Widgets der Übersicht
dashboard-live = Live: Änderungen erscheinen ohne Neuladen.
dashboard-reconnecting = Verbindung wird wiederhergestellt …
dashboard-pending = offen, nicht abgelaufen
dashboard-expiring = Laufen innerhalb von 48 Stunden ab
dashboard-none-expiring = Keine läuft bald ab.
dashboard-manage-invitations = Administratoren und Einladungen verwalten
dashboard-activity = Letzte Aktivitäten
dashboard-online = Mitarbeiter online
dashboard-online-empty = In den letzten 15 Minuten war niemand aktiv.
dashboard-security = Fehlgeschlagene Anmeldungen und Sperren
dashboard-failed-logins = fehlgeschlagene Anmeldungen in den letzten 24 Stunden
dashboard-no-bans = Keine IP-Adresse ist gesperrt.
dashboard-banned-until = gesperrt bis
dashboard-your-departments = Ihre Abteilungen
dashboard-departments-empty = Sie gehören keiner Support-Abteilung an.
dashboard-notify-on = Ticket-Benachrichtigungen an
dashboard-notify-off = Ticket-Benachrichtigungen aus

# Zwei-Faktor-Authentifizierung
validation-totp-code = Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein.
validation-second-factor = Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App oder einen Ihrer Wiederherstellungscodes ein (etwa abcd-efgh-jkmn-pqrs).
permission-admins-reset-two-factor = Zwei-Faktor-Authentifizierung von Administratoren zurücksetzen
audit-action-two-factor-enabled = Zwei-Faktor-Authentifizierung eingeschaltet
audit-action-two-factor-disabled = Zwei-Faktor-Authentifizierung ausgeschaltet
audit-action-two-factor-reset = Zwei-Faktor-Authentifizierung zurückgesetzt
audit-action-two-factor-codes-regenerated = Wiederherstellungscodes neu erstellt
twofa-title = Zwei-Faktor-Authentifizierung
twofa-code = Bestätigungscode
twofa-code-or-recovery = Der 6-stellige Code aus Ihrer App oder einer Ihrer Wiederherstellungscodes.
twofa-error-already-on = Die Zwei-Faktor-Authentifizierung ist bereits eingeschaltet.
twofa-error-not-on = Die Zwei-Faktor-Authentifizierung ist nicht eingeschaltet.
twofa-error-no-setup = Es wartet keine Einrichtung auf einen Code. Beginnen Sie die Einrichtung erneut.
twofa-error-wrong-code = Dieser Code stimmt nicht oder wurde schon verwendet. Geben Sie den aktuellen Code aus Ihrer App ein.
twofa-error-required-by-role = Ihre Rolle verlangt die Zwei-Faktor-Authentifizierung; sie kann nicht ausgeschaltet werden.
twofa-error-own-account = Ändern Sie Ihre eigene Zwei-Faktor-Authentifizierung unter „Mein Konto“.
twofa-required-notice = Ihre Rolle verlangt die Zwei-Faktor-Authentifizierung. Richten Sie sie ein, um fortzufahren.
twofa-disabled-notice = Die Zwei-Faktor-Authentifizierung ist jetzt ausgeschaltet.
twofa-off-heading = Die Zwei-Faktor-Authentifizierung ist ausgeschaltet
twofa-off-help = Schützen Sie Ihr Konto mit einem zweiten Schritt bei der Anmeldung: einem 6-stelligen Code aus einer Authenticator-App auf Ihrem Telefon (etwa Google Authenticator, Microsoft Authenticator, 1Password oder Aegis).
twofa-setup-start = Zwei-Faktor-Authentifizierung einrichten
twofa-setup-heading = Zwei-Faktor-Authentifizierung einrichten
twofa-setup-step-app = Installieren Sie eine Authenticator-App auf Ihrem Telefon, falls Sie noch keine haben.
twofa-setup-step-scan = Scannen Sie diesen QR-Code mit der App.
twofa-setup-qr-label = QR-Code für Ihre Authenticator-App
twofa-setup-manual = Oder geben Sie diesen Schlüssel von Hand ein:
twofa-setup-account = Die App zeigt das Konto als { $account } an.
twofa-setup-step-confirm = Geben Sie den 6-stelligen Code ein, den die App jetzt zeigt, um zu bestätigen, dass es funktioniert.
twofa-setup-confirm = Zwei-Faktor-Authentifizierung einschalten
twofa-setup-restart = Mit einem neuen Schlüssel neu beginnen
twofa-on-heading = Die Zwei-Faktor-Authentifizierung ist eingeschaltet
twofa-on-badge = Ein
twofa-on-since = seit { $since }.
twofa-codes-left = { $count ->
    [one] Sie haben noch einen unbenutzten Wiederherstellungscode.
   *[other] Sie haben noch { $count } unbenutzte Wiederherstellungscodes.
}
twofa-regenerate-heading = Wiederherstellungscodes
twofa-regenerate-help = Erstellen Sie 10 neue Wiederherstellungscodes. Die alten werden sofort ungültig.
twofa-regenerate-submit = Neue Wiederherstellungscodes erstellen
twofa-disable-heading = Zwei-Faktor-Authentifizierung ausschalten
twofa-disable-help = Die Anmeldung braucht dann nur noch Ihr Passwort. Bestätigen Sie mit Ihrem Passwort und einem Code.
twofa-disable-submit = Zwei-Faktor-Authentifizierung ausschalten
twofa-codes-title = Ihre Wiederherstellungscodes
twofa-codes-heading = Speichern Sie Ihre Wiederherstellungscodes
twofa-codes-help = Wenn Sie Ihr Telefon verlieren, melden Sie sich mit einem dieser Codes statt eines App-Codes an. Jeder Code funktioniert einmal. Bewahren Sie sie sicher auf, etwa in einem Passwort-Manager.
twofa-codes-once = Sie werden nur dieses eine Mal angezeigt.
twofa-codes-gone = Wiederherstellungscodes werden nur einmal angezeigt, direkt nach dem Erstellen. Für neue Codes erstellen Sie auf der Zwei-Faktor-Seite einen neuen Satz.
twofa-codes-file-heading = Staffdesk-Wiederherstellungscodes. Jeder Code funktioniert einmal.
twofa-codes-download = Herunterladen
twofa-codes-print = Drucken
twofa-codes-done = Ich habe sie gespeichert
twofa-login-title = Zwei-Faktor-Authentifizierung
twofa-login-help = Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein.
twofa-login-recovery-help = Telefon verloren? Geben Sie stattdessen einen Ihrer Wiederherstellungscodes ein.
twofa-login-submit = Bestätigen
twofa-login-cancel = Abbrechen und neu anmelden
twofa-login-expired = Ihre Anmeldung ist abgelaufen. Geben Sie Benutzername und Passwort erneut ein.
mail-twofa-reset-subject = Ihre Staffdesk-Zwei-Faktor-Authentifizierung wurde zurückgesetzt
mail-twofa-reset-body = { $who } hat die Zwei-Faktor-Authentifizierung für Ihr Staffdesk-Konto bei { $organization } ({ $username }) ausgeschaltet. Sie können sich jetzt allein mit Ihrem Passwort anmelden.
mail-twofa-reset-action = Richten Sie sie unter „Mein Konto“ wieder ein:
mail-twofa-reset-warning = Wenn Sie das nicht veranlasst haben, informieren Sie sofort Ihren Administrator.
mail-twofa-enabled-subject = Die Zwei-Faktor-Authentifizierung für Ihr Staffdesk-Konto ist jetzt aktiv
mail-twofa-enabled-body = Für Ihr Staffdesk-Konto ({ $username }) wurde von der Adresse { $ip } aus die Zwei-Faktor-Authentifizierung eingeschaltet. Ab jetzt fragt die Anmeldung nach einem Code aus Ihrer Authenticator-App oder einem Wiederherstellungscode.
mail-twofa-enabled-warning = Wenn Sie das nicht waren, nutzt möglicherweise jemand anderes Ihr Konto: Informieren Sie sofort Ihren Administrator.
roles-col-two-factor = Zwei-Faktor
roles-two-factor-required = Pflicht
roles-two-factor-optional = Freiwillig
roles-two-factor-require = Verlangen
roles-two-factor-unrequire = Freiwillig machen
roles-two-factor-require-named = Zwei-Faktor-Authentifizierung für { $name } verlangen
roles-two-factor-unrequire-named = Zwei-Faktor-Authentifizierung für { $name } freiwillig machen
edit-admin-2fa-on = Die Zwei-Faktor-Authentifizierung ist für diesen Administrator eingeschaltet.
edit-admin-2fa-off = Die Zwei-Faktor-Authentifizierung ist für diesen Administrator ausgeschaltet.
edit-admin-2fa-reset-text = Hat er Telefon und Wiederherstellungscodes verloren, setzen Sie sie zurück: Er kann sich dann mit seinem Passwort anmelden und sie neu einrichten. Er wird per E-Mail informiert.
edit-admin-2fa-reset-submit = Zwei-Faktor-Authentifizierung zurücksetzen
edit-admin-2fa-reset-done = Die Zwei-Faktor-Authentifizierung wurde zurückgesetzt und der Administrator per E-Mail informiert.
common-first-page = ← Erste Seite
common-next-page = Nächste Seite →
audit-export-cross-site = Dieser Export wurde von einer anderen Website aus gestartet und deshalb abgelehnt. Nutzen Sie „CSV exportieren“ im Aktivitätsprotokoll.
audit-export-forbidden = Ihre Administratorrolle umfasst nicht das Exportieren des Aktivitätsprotokolls.
error-timeout = Staffdesk hat zu lange für die Antwort gebraucht. Bitte versuchen Sie es erneut.
error-changed-meanwhile = Jemand anderes hat dies während Ihrer Bearbeitung geändert. Es wurde nichts gespeichert: Das Formular zeigt jetzt die aktuellen Werte, nehmen Sie Ihre Änderungen bitte erneut vor.

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
permission-tickets-open = Tickets für Anfragende eröffnen
permission-tickets-change = Status, Priorität und Abteilung von Tickets ändern
permission-tickets-assign = Tickets zuweisen
permission-tickets-all-departments = Tickets aller Abteilungen ansehen
permission-clients-view = Kunden ansehen
permission-clients-manage = Kunden verwalten
permission-clients-services = Kundendienste verwalten
permission-clients-invoices = Rechnungen verwalten und Zahlungen erfassen
permission-clients-notes = Kundennotizen lesen und schreiben
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

## Administratoren und Einladungen
mail-sent = Gesendet
mail-queued = In Warteschlange
mail-failed = Fehlgeschlagen
mail-failed-detail = nach { $attempts ->
    [one] 1 Versuch
   *[other] { $attempts } Versuchen
}, wird wiederholt: { $error }
field-language = Sprache
field-password-confirmation = Passwort bestätigen
password-rules = Mindestens 12 Zeichen, ohne & " ' < oder >. Ein langes Passwort mit Ziffern, Symbolen sowie Groß- und Kleinbuchstaben ist am stärksten.

## Einladung annehmen und geheime Links
link-contact = Bitte wenden Sie sich an den Administrator, der Sie eingeladen hat, und bitten Sie um eine neue Einladung.
link-contact-named = Bitte wenden Sie sich an { $name }, die Person, die Sie eingeladen hat, und bitten Sie um eine neue Einladung:
link-not-found-text = Der Link ist vielleicht unvollständig; prüfen Sie, ob Sie ihn ganz aus der E-Mail kopiert haben.

## E-Mails
mail-greeting = Hallo { $first },
mail-or-link = Oder öffnen Sie diesen Link:

## Administrator bearbeiten und Passwortlinks
common-saved = Die Änderungen wurden gespeichert.
common-save-changes = Änderungen speichern
field-new-password = Neues Passwort
field-new-password-confirmation = Neues Passwort bestätigen

## Zwei-Faktor-Authentifizierung
validation-totp-code = Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App ein.
validation-second-factor = Geben Sie den 6-stelligen Code aus Ihrer Authenticator-App oder einen Ihrer Wiederherstellungscodes ein (etwa abcd-efgh-jkmn-pqrs).
permission-admins-reset-two-factor = Zwei-Faktor-Authentifizierung von Administratoren zurücksetzen
common-first-page = ← Erste Seite
common-next-page = Nächste Seite →
error-timeout = Staffdesk hat zu lange für die Antwort gebraucht. Bitte versuchen Sie es erneut.
error-changed-meanwhile = Jemand anderes hat dies während Ihrer Bearbeitung geändert. Es wurde nichts gespeichert: Das Formular zeigt jetzt die aktuellen Werte, nehmen Sie Ihre Änderungen bitte erneut vor.
permission-tickets-predefined-replies = Vordefinierte Antworten verwalten
validation-amount-format = Geben Sie einen Betrag wie 12.50 ein, mit höchstens { $decimals } Nachkommastellen.
validation-negative-amount = Der Betrag darf nicht negativ sein.
validation-amount-too-large = Der Betrag ist zu groß.
validation-unknown-country = Wählen Sie ein Land aus der Liste.
validation-unknown-currency = Wählen Sie eine Währung aus der Liste (ein Code wie USD oder EUR).
validation-date-format = Geben Sie ein Datum wie 2026-12-31 ein.
validation-date-time-format = Geben Sie Datum und Uhrzeit wie 2026-12-31 14:30 (UTC) ein.
validation-due-before-issue = Das Fälligkeitsdatum darf nicht vor dem Rechnungsdatum liegen.
validation-phone-format = Eine Telefonnummer darf nur Ziffern, Leerzeichen und + - ( ) . enthalten.
validation-domain-format = Geben Sie einen Domainnamen wie example.com ein.
validation-out-of-range = Geben Sie eine Zahl von { $min } bis { $max } ein.
validation-zero-amount = Der Betrag muss größer als null sein.
validation-end-before-start = Das Enddatum darf nicht vor dem Anfangsdatum liegen.
validation-range-too-long = Wählen Sie einen Zeitraum von höchstens { $max } Tagen.

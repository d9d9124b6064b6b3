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
account-tickets-newest-first = Nachrichten eines Tickets neueste zuerst anzeigen

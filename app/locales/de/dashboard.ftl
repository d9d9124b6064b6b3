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

## Support widget
dashboard-support = Support
dashboard-awaiting-none = Nichts wartet auf Antwort.
dashboard-my-tickets = Meine offenen Tickets
dashboard-my-tickets-none = Ihnen sind keine offenen Tickets zugewiesen.
dashboard-oldest-waiting = Wartet am längsten:
dashboard-clients = Kunden
dashboard-new-clients = Neu in diesem Monat
dashboard-overdue-invoices = Überfällige Rechnungen
dashboard-services-due = Dienste fällig in 7 Tagen
dashboard-clients-link = Alle Kunden

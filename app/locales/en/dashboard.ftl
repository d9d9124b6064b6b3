## Dashboard
dashboard-heading = Admin Dashboard
dashboard-welcome = Welcome, { $name }. You are signed in as { $role }.
dashboard-system = System
dashboard-version = Version
dashboard-database = Database
dashboard-status = Status
dashboard-healthy = Healthy
dashboard-unavailable = Unavailable
dashboard-manage-departments = Manage departments

## Dashboard widgets
dashboard-live = Live: updates appear without reloading.
dashboard-reconnecting = Reconnecting…
dashboard-pending = pending, not expired
dashboard-expiring = Expiring within 48 hours
dashboard-none-expiring = None expiring soon.
dashboard-manage-invitations = Manage administrators and invitations
dashboard-activity = Recent activity
dashboard-online = Staff online
dashboard-online-empty = Nobody has been active in the last 15 minutes.
dashboard-security = Failed logins and bans
dashboard-failed-logins = failed logins in the last 24 hours
dashboard-no-bans = No IP address is banned.
dashboard-banned-until = banned until
dashboard-your-departments = Your departments
dashboard-departments-empty = You are not in any support department.
dashboard-notify-on = ticket notifications on
dashboard-notify-off = ticket notifications off

## Support widget
dashboard-support = Support desk
dashboard-awaiting-none = Nothing is awaiting a reply.
dashboard-my-tickets = My open tickets
dashboard-my-tickets-none = No open tickets are assigned to you.
dashboard-oldest-waiting = Waiting longest:
dashboard-clients = Clients
dashboard-new-clients = New this month
dashboard-overdue-invoices = Overdue invoices
dashboard-services-due = Services due in 7 days
dashboard-clients-link = All clients

## Administratoren und Einladungen
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
mail-invite-who = { $name } von { $organization }
mail-invite-subject = Sie wurden zu Staffdesk eingeladen
mail-invite-body = { $who } hat Sie als { $role } in den Verwaltungsbereich von { $organization } in Staffdesk eingeladen.
mail-invite-action-text = Nehmen Sie die Einladung hier an und wählen Sie Benutzernamen und Passwort:
mail-invite-button = Einladung annehmen
mail-invite-expiry = Diese Einladung läuft am { $expiry } ab. Wenn Sie sie nicht erwartet haben, können Sie diese E-Mail ignorieren.

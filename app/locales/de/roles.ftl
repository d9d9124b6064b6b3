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

## Zwei-Faktor-Authentifizierung
roles-col-two-factor = Zwei-Faktor
roles-two-factor-required = Pflicht
roles-two-factor-optional = Freiwillig
roles-two-factor-require = Verlangen
roles-two-factor-unrequire = Freiwillig machen
roles-two-factor-require-named = Zwei-Faktor-Authentifizierung für { $name } verlangen
roles-two-factor-unrequire-named = Zwei-Faktor-Authentifizierung für { $name } freiwillig machen

## Roles
roles-title = Administrator Roles
roles-add = Add a role
roles-lead = A role is the set of permissions its administrators have. Every administrator has exactly one role.
roles-created = The role was created.
roles-saved = The role was saved. Administrators with it have the new permissions from their next click.
roles-deleted = The role was deleted.
roles-every-permission = Every permission, including ones added in future versions
roles-no-permissions = No permissions
roles-heading = Roles
roles-col-role = Role
roles-col-admins = Administrators
roles-col-permissions = Permissions
roles-built-in = Built-in
roles-duplicate = Duplicate
roles-duplicate-named = Duplicate { $name }
roles-delete = Delete
roles-delete-named = Delete { $name }
roles-edit-heading = Edit role: { $name }
roles-name = Role name
roles-built-in-name = Built-in roles keep their names.
roles-in-use = { $count ->
    [0] No administrator has this role yet.
    [one] 1 administrator has this role; changes apply to them at once.
   *[other] { $count } administrators have this role; changes apply to them at once.
}
roles-back = ← All roles
roles-save = Save role
roles-create = Create role
roles-needs = Needs: { $names }
roles-copy-of = Copy of { $name }
roles-error-name-taken = A role named “{ $name }” already exists.
roles-error-full-locked = Full Administrator always has every permission; it cannot be edited or deleted.
roles-error-built-in-delete = Built-in roles cannot be deleted. Remove their permissions instead if nobody should use them.
roles-error-own-role = You cannot change or delete the role you hold yourself. Ask another administrator.
roles-error-not-yours = You can only grant permissions you hold yourself, and your role does not include “{ $permission }”.
roles-error-in-use = This role cannot be deleted: { $admins ->
    [0] { $invitations ->
        [one] 1 pending invitation offers it
       *[other] { $invitations } pending invitations offer it
    }
    [one] 1 administrator uses it{ $invitations ->
        [0] {""}
        [one] {" "}and 1 pending invitation offers it
       *[other] {" "}and { $invitations } pending invitations offer it
    }
   *[other] { $admins } administrators use it{ $invitations ->
        [0] {""}
        [one] {" "}and 1 pending invitation offers it
       *[other] {" "}and { $invitations } pending invitations offer it
    }
}. Give them another role first.

## Two-factor authentication
roles-col-two-factor = Two-factor
roles-two-factor-required = Required
roles-two-factor-optional = Optional
roles-two-factor-require = Require
roles-two-factor-unrequire = Make optional
roles-two-factor-require-named = Require two-factor authentication for { $name }
roles-two-factor-unrequire-named = Make two-factor authentication optional for { $name }

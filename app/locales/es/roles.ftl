## Roles
roles-title = Roles de administrador
roles-add = Añadir un rol
roles-lead = Un rol es el conjunto de permisos de sus administradores. Cada administrador tiene exactamente un rol.
roles-created = Se ha creado el rol.
roles-saved = Se ha guardado el rol. Los administradores que lo tienen disponen de los nuevos permisos desde su próximo clic.
roles-deleted = Se ha eliminado el rol.
roles-every-permission = Todos los permisos, incluidos los que añadan futuras versiones
roles-no-permissions = Sin permisos
roles-heading = Roles
roles-col-role = Rol
roles-col-admins = Administradores
roles-col-permissions = Permisos
roles-built-in = Predefinido
roles-duplicate = Duplicar
roles-duplicate-named = Duplicar { $name }
roles-delete = Eliminar
roles-delete-named = Eliminar { $name }
roles-edit-heading = Editar rol: { $name }
roles-name = Nombre del rol
roles-built-in-name = Los roles predefinidos conservan su nombre.
roles-in-use = { $count ->
    [0] Ningún administrador tiene este rol todavía.
    [one] 1 administrador tiene este rol; los cambios se le aplican de inmediato.
   *[other] { $count } administradores tienen este rol; los cambios se les aplican de inmediato.
}
roles-back = ← Todos los roles
roles-save = Guardar rol
roles-create = Crear rol
roles-needs = Requiere: { $names }
roles-copy-of = Copia de { $name }
roles-error-name-taken = Ya existe un rol llamado «{ $name }».
roles-error-full-locked = Administrador total siempre tiene todos los permisos; no se puede editar ni eliminar.
roles-error-built-in-delete = Los roles predefinidos no se pueden eliminar. Quite sus permisos si nadie debe usarlos.
roles-error-own-role = No puede cambiar ni eliminar el rol que usted mismo tiene. Pídaselo a otro administrador.
roles-error-not-yours = Solo puede conceder permisos que usted mismo tiene, y su rol no incluye «{ $permission }».
roles-error-in-use = Este rol no se puede eliminar: { $admins ->
    [0] { $invitations ->
        [one] 1 invitación pendiente lo ofrece
       *[other] { $invitations } invitaciones pendientes lo ofrecen
    }
    [one] 1 administrador lo usa{ $invitations ->
        [0] {""}
        [one] {" "}y 1 invitación pendiente lo ofrece
       *[other] {" "}y { $invitations } invitaciones pendientes lo ofrecen
    }
   *[other] { $admins } administradores lo usan{ $invitations ->
        [0] {""}
        [one] {" "}y 1 invitación pendiente lo ofrece
       *[other] {" "}y { $invitations } invitaciones pendientes lo ofrecen
    }
}. Asígneles otro rol primero.

## Autenticación en dos pasos
roles-col-two-factor = Dos pasos
roles-two-factor-required = Obligatoria
roles-two-factor-optional = Opcional
roles-two-factor-require = Exigir
roles-two-factor-unrequire = Hacer opcional
roles-two-factor-require-named = Exigir la autenticación en dos pasos para { $name }
roles-two-factor-unrequire-named = Hacer opcional la autenticación en dos pasos para { $name }

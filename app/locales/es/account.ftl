## Mi cuenta
account-profile = Perfil
account-signed-in-as = Usuario { $username } · { $role }
account-notifications = Avisos de tickets
account-no-memberships = Todavía no pertenece a ningún departamento de soporte. Un administrador puede añadirle a uno.
account-notifications-help = Reciba un correo cuando llegue un ticket a estos departamentos.
account-signature = Firma de tickets
account-signature-help = Texto sin formato que se añade bajo sus respuestas a tickets. Como máximo 1000 caracteres.
account-signature-preview = Vista previa de una respuesta
account-signature-sample = Gracias por escribirnos. Su incidencia está resuelta; avísenos si surge cualquier otra cosa.
account-current-password = Contraseña actual
account-current-password-help = Necesaria para guardar cualquier cambio aquí.
account-change-password = Cambiar contraseña
account-log-out-others = Cerrar mis otras sesiones
account-password-changed = Se ha cambiado su contraseña. { $ended ->
    [0] No se ha cerrado ninguna otra sesión.
    [one] Se ha cerrado 1 otra sesión.
   *[other] Se han cerrado { $ended } otras sesiones.
}
account-session-ended = Se ha cerrado la sesión.
account-sessions = Sesiones activas
account-device = Dispositivo
account-ip = Dirección IP
account-started = Inicio
account-last-seen = Última actividad
account-this-session = Esta sesión
account-unknown-device = Dispositivo desconocido
account-end-session = Cerrar esta sesión
account-error-wrong-password = La contraseña actual no es correcta. No se ha cambiado nada.
account-tickets-newest-first = Mostrar los mensajes de un ticket del más reciente al más antiguo

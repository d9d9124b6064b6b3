## Panel
dashboard-heading = Panel de administración
dashboard-welcome = Hola, { $name }. Ha iniciado sesión como { $role }.
dashboard-system = Sistema
dashboard-version = Versión
dashboard-database = Base de datos
dashboard-status = Estado
dashboard-healthy = Correcto
dashboard-unavailable = No disponible
dashboard-manage-departments = Gestionar departamentos

## Widgets del panel
dashboard-live = En directo: los cambios aparecen sin recargar.
dashboard-reconnecting = Reconectando…
dashboard-pending = pendientes, sin caducar
dashboard-expiring = Caducan en las próximas 48 horas
dashboard-none-expiring = Ninguna caduca pronto.
dashboard-manage-invitations = Gestionar administradores e invitaciones
dashboard-activity = Actividad reciente
dashboard-online = Personal conectado
dashboard-online-empty = Nadie ha estado activo en los últimos 15 minutos.
dashboard-security = Accesos fallidos y bloqueos
dashboard-failed-logins = accesos fallidos en las últimas 24 horas
dashboard-no-bans = No hay ninguna dirección IP bloqueada.
dashboard-banned-until = bloqueada hasta
dashboard-your-departments = Sus departamentos
dashboard-departments-empty = No pertenece a ningún departamento de soporte.
dashboard-notify-on = avisos de tickets activados
dashboard-notify-off = avisos de tickets desactivados

## Support widget
dashboard-support = Soporte
dashboard-awaiting-none = Nada espera respuesta.
dashboard-my-tickets = Mis tickets abiertos
dashboard-my-tickets-none = No tiene tickets abiertos asignados.
dashboard-oldest-waiting = Espera desde hace más tiempo:
dashboard-clients = Clientes
dashboard-new-clients = Nuevos este mes
dashboard-overdue-invoices = Facturas vencidas
dashboard-services-due = Servicios que vencen en 7 días
dashboard-clients-link = Todos los clientes

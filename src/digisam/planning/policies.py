"""Access policies of this app (registered with digisam.core.permissions)."""

/* SPDX-License-Identifier: MIT */
#include "launcher-name.h"

#include <stdio.h>
#include <string.h>

bool launcher_name_target(const char *path, char target[LAUNCHER_TARGET_MAX + 1])
{
	const size_t prefix = sizeof(LAUNCHER_NAME_PREFIX) - 1,
		     suffix = sizeof(LAUNCHER_NAME_SUFFIX) - 1;
	const char *base, *slash;
	size_t len, target_len;

	if (!path)
		return false;
	slash = strrchr(path, '/');
	base = slash ? slash + 1 : path;
	len = strlen(base);
	if (len <= prefix + suffix || strncmp(base, LAUNCHER_NAME_PREFIX, prefix) != 0 ||
	    strcmp(base + len - suffix, LAUNCHER_NAME_SUFFIX) != 0)
		return false;
	target_len = len - prefix - suffix;
	if (target_len > LAUNCHER_TARGET_MAX)
		return false;
	for (size_t i = 0; i < target_len; i++) {
		char c = base[prefix + i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			return false;
	}
	memcpy(target, base + prefix, target_len);
	target[target_len] = '\0';
	return true;
}

bool launcher_name(const char *target, char *name, size_t size)
{
	int n = snprintf(name, size, "%s%s%s", LAUNCHER_NAME_PREFIX, target, LAUNCHER_NAME_SUFFIX);
	return n > 0 && (size_t)n < size;
}

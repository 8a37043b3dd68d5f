/* SPDX-License-Identifier: MIT */
#include "launcher-name.h"

#include <stdio.h>
#include <string.h>

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool cpu_valid(const char *model, size_t len)
{
	if (len == 0 || len > LAUNCHER_CPU_MAX || !is_alnum(model[0]))
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = model[i];
		if (!is_alnum(c) && !strchr("_.,=+-", c))
			return false;
	}
	return true;
}

bool launcher_cpu_valid(const char *model)
{
	return model && cpu_valid(model, strlen(model));
}

bool launcher_name_parse(const char *path, char target[LAUNCHER_TARGET_MAX + 1], const char **cpu)
{
	const size_t prefix = sizeof(LAUNCHER_NAME_PREFIX) - 1,
		     suffix = sizeof(LAUNCHER_NAME_SUFFIX) - 1;
	const char *base, *slash, *end, *model = NULL;
	size_t target_len;

	if (!path)
		return false;
	slash = strrchr(path, '/');
	base = slash ? slash + 1 : path;
	if (strncmp(base, LAUNCHER_NAME_PREFIX, prefix) != 0)
		return false;
	/* The target ends at the suffix: target names hold no '-'. */
	end = strchr(base + prefix, '-');
	if (!end || strncmp(end, LAUNCHER_NAME_SUFFIX, suffix) != 0)
		return false;
	if (end[suffix] != '\0') {
		if (strncmp(end + suffix, LAUNCHER_CPU_TAG, sizeof(LAUNCHER_CPU_TAG) - 1) != 0)
			return false;
		model = end + suffix + sizeof(LAUNCHER_CPU_TAG) - 1;
		if (!cpu_valid(model, strlen(model)))
			return false;
	}
	target_len = (size_t)(end - base) - prefix;
	if (target_len == 0 || target_len > LAUNCHER_TARGET_MAX)
		return false;
	for (size_t i = 0; i < target_len; i++) {
		char c = base[prefix + i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			return false;
	}
	memcpy(target, base + prefix, target_len);
	target[target_len] = '\0';
	*cpu = model;
	return true;
}

bool launcher_name(const char *target, const char *cpu, char *name, size_t size)
{
	if (cpu && !launcher_cpu_valid(cpu))
		return false;
	int n = snprintf(name, size, "%s%s%s%s%s", LAUNCHER_NAME_PREFIX, target,
			 LAUNCHER_NAME_SUFFIX, cpu ? LAUNCHER_CPU_TAG : "", cpu ? cpu : "");
	return n > 0 && (size_t)n < size;
}

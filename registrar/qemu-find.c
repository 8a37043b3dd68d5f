/* SPDX-License-Identifier: MIT */
#include "qemu-find.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool executable_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

static void look(const char *dir, size_t dir_len, const char *name, const char *suffix, char *out)
{
	char path[PATH_MAX];
	int n;

	if (out[0])
		return;
	n = snprintf(path, sizeof(path), "%.*s/qemu-%s%s", (int)dir_len, dir, name, suffix);
	if (n > 0 && (size_t)n < sizeof(path) && executable_file(path))
		memcpy(out, path, (size_t)n + 1);
}

void qemu_find(const char *dirs, const char *name, struct qemu_found *found)
{
	found->static_path[0] = '\0';
	found->dynamic_path[0] = '\0';
	for (const char *p = dirs; *p;) {
		size_t len = strcspn(p, ":");
		if (len > 0) {
			look(p, len, name, "-static", found->static_path);
			look(p, len, name, "", found->dynamic_path);
		}
		p += len;
		if (*p == ':')
			p++;
	}
}

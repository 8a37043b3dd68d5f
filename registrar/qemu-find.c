/* SPDX-License-Identifier: MIT */
#include "qemu-find.h"

#include "elf-linking.h"
#include "targets.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool executable_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

static void look(const char *dir, size_t dir_len, const char *name, const char *suffix,
		 struct qemu_found *found)
{
	char path[PATH_MAX];
	int n = snprintf(path, sizeof(path), "%.*s/qemu-%s%s", (int)dir_len, dir, name, suffix);

	if (n <= 0 || (size_t)n >= sizeof(path) || !executable_file(path))
		return;
	char *slot = elf_linking_of_path(path) == ELF_LINKING_STATIC ? found->static_path
								     : found->dynamic_path;
	if (!slot[0])
		memcpy(slot, path, (size_t)n + 1);
}

void qemu_find(const char *dirs, const char *name, struct qemu_found *found)
{
	found->static_path[0] = '\0';
	found->dynamic_path[0] = '\0';
	for (const char *p = dirs; *p;) {
		size_t len = strcspn(p, ":");
		if (len > 0) {
			look(p, len, name, "-static", found);
			look(p, len, name, "", found);
		}
		p += len;
		if (*p == ':')
			p++;
	}
}

bool qemu_any(const char *dirs)
{
	for (size_t i = 0; i < target_count; i++) {
		struct qemu_found found;
		qemu_find(dirs, targets[i].name, &found);
		if (found.static_path[0] || found.dynamic_path[0])
			return true;
	}
	return false;
}

/* SPDX-License-Identifier: MIT */
#include "distro.h"

#include "cleanup.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct os_release {
	char id[64], id_like[128], version_id[32];
};

/* KEY=value or KEY="value" (os-release(5)); unknown keys ignored. */
static void take_line(struct os_release *os, const char *line)
{
	static const struct {
		const char *key;
		size_t offset, size;
	} keys[] = {
	    {"ID=", offsetof(struct os_release, id), sizeof(os->id)},
	    {"ID_LIKE=", offsetof(struct os_release, id_like), sizeof(os->id_like)},
	    {"VERSION_ID=", offsetof(struct os_release, version_id), sizeof(os->version_id)},
	};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		size_t n = strlen(keys[i].key);
		if (strncmp(line, keys[i].key, n) != 0)
			continue;
		const char *value = line + n;
		size_t len = strcspn(value, "\n");
		if (len >= 2 && (value[0] == '"' || value[0] == '\'') &&
		    value[len - 1] == value[0]) {
			value++;
			len -= 2;
		}
		snprintf((char *)os + keys[i].offset, keys[i].size, "%.*s", (int)len, value);
	}
}

static bool read_os_release(const char *path, struct os_release *os)
{
	const char *paths[] = {path, "/etc/os-release", "/usr/lib/os-release"};

	memset(os, 0, sizeof(*os));
	for (size_t i = path ? 0 : 1; i < (path ? 1 : 3); i++) {
		_cleanup_fclose_ FILE *f = fopen(paths[i], "re");
		char line[256];
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f))
			take_line(os, line);
		return true;
	}
	return false;
}

/* VERSION_ID as MAJOR * 100 + MINOR: "12" 1200, "25.10" 2510; 0 when
 * absent (Debian testing and unstable have none: newer than any release). */
static int version(const struct os_release *os)
{
	int major = 0, minor = 0;

	if (sscanf(os->version_id, "%d.%d", &major, &minor) < 1)
		return 0;
	return major * 100 + minor;
}

const char *distro_static_qemu_package(const char *etc_os_release)
{
	struct os_release os;

	if (!read_os_release(etc_os_release, &os))
		return "a statically linked qemu-user (Debian 13+ and Ubuntu 25.10+: qemu-user; older releases: qemu-user-static)";
	if (!strcmp(os.id, "debian"))
		return version(&os) != 0 && version(&os) < 1300 ? "qemu-user-static" : "qemu-user";
	if (!strcmp(os.id, "ubuntu"))
		return version(&os) != 0 && version(&os) < 2510 ? "qemu-user-static" : "qemu-user";
	return "a statically linked qemu-user (Debian 13+ and Ubuntu 25.10+: qemu-user; older releases: qemu-user-static)";
}

const char *distro_qemu_package(const char *etc_os_release)
{
	struct os_release os;

	if (read_os_release(etc_os_release, &os) &&
	    (!strcmp(os.id, "debian") || !strcmp(os.id, "ubuntu") || strstr(os.id_like, "debian")))
		return "qemu-user";
	return "qemu-user (your distribution's package of qemu's linux-user emulators)";
}

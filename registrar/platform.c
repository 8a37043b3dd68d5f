/* SPDX-License-Identifier: MIT */
#include "platform.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* The first rows are buildkit's util/archutil/detect.go SupportedPlatforms()
 * order (what tonistiigi/binfmt prints as "supported"); arm/v5 (Debian's
 * armel images), mipsle and mips are Go ports it leaves out. */
const struct platform platforms[] = {
    {"amd64", NULL, "x86_64"},	  {"arm64", NULL, "aarch64"},
    {"riscv64", NULL, "riscv64"}, {"ppc64", NULL, "ppc64"},
    {"ppc64le", NULL, "ppc64le"}, {"s390x", NULL, "s390x"},
    {"386", NULL, "i386"},	  {"mips64le", NULL, "mips64el"},
    {"mips64", NULL, "mips64"},	  {"loong64", NULL, "loongarch64"},
    {"arm", "v7", "arm"},	  {"arm", "v6", "arm"},
    {"arm", "v5", "arm"},	  {"mipsle", NULL, "mipsel"},
    {"mips", NULL, "mips"},
};

const size_t platform_count = sizeof(platforms) / sizeof(platforms[0]);

const struct target *platform_target(const char *name)
{
	char text[64], *part[3];
	size_t parts = 0;

	if (!name[0] || strlen(name) >= sizeof(text))
		return NULL;
	for (size_t i = 0; name[i]; i++)
		text[i] = (char)tolower((unsigned char)name[i]);
	text[strlen(name)] = '\0';
	for (char *p = text; parts < 3; p = NULL) {
		char *token = strtok(p, "/");
		if (!token)
			break;
		part[parts++] = token;
	}
	if (parts == 0 || strtok(NULL, "/"))
		return NULL;
	/* OS/ARCH[/VARIANT], or ARCH[/VARIANT]: the OS must be Linux. */
	size_t arch = 0;
	if (parts == 3 || (parts == 2 && !strcmp(part[0], "linux"))) {
		if (strcmp(part[0], "linux") != 0)
			return NULL;
		arch = 1;
	}
	/* The architecture decides, as for tonistiigi/binfmt (its Parse()'s
	 * Architecture): every variant of arm is qemu-arm's, amd64/v3 is
	 * x86_64's. */
	for (size_t i = 0; i < platform_count; i++)
		if (!strcmp(platforms[i].arch, part[arch]))
			return target_lookup(platforms[i].target);
	/* A name of qbinfmt's own table: aarch64, armhf, x86_64... */
	return arch + 1 < parts ? NULL : target_lookup(part[arch]);
}

void platform_format(const struct platform *p, char *out, size_t size)
{
	snprintf(out, size, "linux/%s%s%s", p->arch, p->variant ? "/" : "",
		 p->variant ? p->variant : "");
}

void platform_names(char *out, size_t size)
{
	size_t used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < platform_count && used < size; i++) {
		int n = snprintf(out + used, size - used, "%s%s%s%s", used ? " " : "",
				 platforms[i].arch, platforms[i].variant ? "/" : "",
				 platforms[i].variant ? platforms[i].variant : "");
		if (n < 0)
			break;
		used += (size_t)n;
	}
}

/* SPDX-License-Identifier: MIT */
#include "kernel.h"

#include <stdio.h>
#include <sys/utsname.h>

static const struct {
	int major, minor;
	const char *text;
} first_with[] = {
    [KERNEL_AT_FLAGS] = {5, 12, "5.12"},
    [KERNEL_PRIVATE_BINFMT] = {6, 7, "6.7"},
};

const char *kernel_feature_version(enum kernel_feature feature)
{
	return first_with[feature].text;
}

bool kernel_release_has(const char *release, enum kernel_feature feature)
{
	int major, minor;

	if (sscanf(release, "%d.%d", &major, &minor) != 2)
		return true;
	return major > first_with[feature].major ||
	       (major == first_with[feature].major && minor >= first_with[feature].minor);
}

const char *kernel_release(void)
{
	static struct utsname u;

	if (!u.release[0] && uname(&u) < 0)
		return "unknown";
	return u.release;
}

bool kernel_has(enum kernel_feature feature)
{
	return kernel_release_has(kernel_release(), feature);
}

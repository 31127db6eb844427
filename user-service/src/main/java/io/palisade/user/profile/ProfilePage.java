package io.palisade.user.profile;

import java.util.List;

record ProfilePage(List<Profile> items, int page, int size, long totalElements) {
}

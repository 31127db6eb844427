package io.palisade.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The root README's {@code kubectl create secret} is what an operator types before {@code helm install}: a key
 * the deployments require and the command leaves out keeps a pod in CreateContainerConfigError, so the
 * command is checked against what the rendered chart references.
 */
class ReadmeSecretTest {

    private static final Pattern CREATE_SECRET = Pattern.compile(
            "kubectl -n palisade create secret generic (\\S+) \\\\\\n((?:.*\\\\\\n)*.*)\\n");
    private static final Pattern KEY = Pattern.compile("--from-(?:literal|file)=([A-Za-z0-9._-]+)=");

    @Test
    void theReadmesSecretHoldsEveryKeyTheDeploymentsRequire() throws IOException {
        String readme = Files.readString(RenderedChart.ROOT.resolve("README.md"));
        Matcher command = CREATE_SECRET.matcher(readme);
        assertThat(command.find()).as("README.md has a kubectl create secret command").isTrue();
        Set<String> created = new TreeSet<>();
        Matcher key = KEY.matcher(command.group(2));
        while (key.find()) {
            created.add(key.group(1));
        }

        Set<String> required = new TreeSet<>();
        Set<String> optional = new TreeSet<>();
        for (Deployment deployment : RenderedChart.render(null).all(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            for (EnvVar env : pod.getContainers().get(0).getEnv()) {
                SecretKeySelector ref = env.getValueFrom() == null ? null : env.getValueFrom().getSecretKeyRef();
                if (ref != null && ref.getName().equals(command.group(1))) {
                    (Boolean.TRUE.equals(ref.getOptional()) ? optional : required).add(ref.getKey());
                }
            }
            for (Volume volume : pod.getVolumes()) {
                if (volume.getSecret() != null && volume.getSecret().getSecretName().equals(command.group(1))) {
                    volume.getSecret().getItems().stream().map(KeyToPath::getKey).forEach(required::add);
                }
            }
        }

        assertThat(required).as("keys the deployments reference").isNotEmpty();
        assertThat(created).as("keys README's command creates").containsAll(required);
        Set<String> known = new TreeSet<>(required);
        known.addAll(optional);
        assertThat(known).as("keys the deployments reference").containsAll(created);
    }
}

package dev.debias.augment.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The README's table of counterfactual examples, held to what the swapper does. */
class ReadmeSwapExamplesTest {
    private static CounterfactualSwapper swapper;

    @BeforeAll
    static void build() {
        swapper = CounterfactualSwapper.builder().build();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            She thanked her mentor, Mr. Lee.            | He thanked his mentor, Ms. Lee.
            I saw her yesterday.                        | I saw him yesterday.
            She gave him her keys and he took his.      | He gave her his keys and she took hers.
            Mr. Smith met Ms. Jones's actress's agent.  | Ms. Smith met Mr. Jones's actor's agent.
            HE SAID SHE WAS HERE.                       | SHE SAID HE WAS HERE.
            Mary told John that she loved her own work. | James told Jennifer that he loved his own work.
            Sheldon is a therapist and a hero.          | Sheldon is a therapist and a hero.
            Jill Scott moved to San Diego.              | Greg Scott moved to San Diego.
            James' car was red.                         | Mary's car was red.
            The groom danced with the bride.            | The bride danced with the groom.
            """)
    void readmeTable(String original, String counterfactual) {
        assertEquals(counterfactual, swapper.swap(original).text());
    }
}

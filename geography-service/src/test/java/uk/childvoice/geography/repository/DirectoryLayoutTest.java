package uk.childvoice.geography.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import uk.childvoice.contracts.v1.GeographyStatus;
import uk.childvoice.geography.service.LookupResult;
import uk.childvoice.geography.service.PostcodeLookupService;
import uk.childvoice.geography.support.SampleIndex;

/** Every published layout fixture loads through the alias table; an unknown layout is refused by name. */
class DirectoryLayoutTest {
    private static final String FIXTURES = "data/geography/onspd_format_fixtures/";
    private static final String SEED = "data/geography/onspd_aug2025_postcodesio_seed/onspd_aug2025_seed_postcodesio.csv.gz";

    @Test
    void readsTheAugust2024OnspdLayout() {
        PostcodeIndex index = SampleIndex.load(FIXTURES + "onspd_aug2024_4rows.csv", "ONSPD-2024-08");
        assertThat(index.metadata().layout()).isEqualTo("ONSPD-to-2025-05");
        assertThat(index.size()).isEqualTo(4);
        LookupResult stAlbans = PostcodeLookupService.lookup(index, "AL1 1AA");
        assertThat(stAlbans.status()).isEqualTo(GeographyStatus.TERMINATED);
        assertThat(stAlbans.area().lsoa()).isEqualTo("E01023743");
        assertThat(stAlbans.area().lsoaEdition()).isEqualTo("LSOA2021");
        assertThat(stAlbans.area().imdEdition()).isEqualTo("IoD2025");
        assertThat(stAlbans.area().lad()).isEqualTo("E07000240");
        assertThat(stAlbans.area().region()).isEqualTo("E12000006");
        assertThat(PostcodeLookupService.lookup(index, "IM1 1AD").status()).isEqualTo(GeographyStatus.NOT_ENGLAND);
        assertThat(PostcodeLookupService.lookup(index, "IM1 1AD").area().country()).isEqualTo("M83000003");
    }

    @Test
    void readsTheNovember2025OnspdLayoutWithYearSuffixes() {
        PostcodeIndex index = SampleIndex.load(FIXTURES + "onspd_nov2025_4rows.csv", "ONSPD-2025-11");
        assertThat(index.metadata().layout()).isEqualTo("ONSPD-2025-11+");
        assertThat(index.size()).isEqualTo(4);
        LookupResult aberdeen = PostcodeLookupService.lookup(index, "AB1 0AA");
        assertThat(aberdeen.status()).isEqualTo(GeographyStatus.NOT_ENGLAND);
        assertThat(aberdeen.area().country()).isEqualTo("S92000003");
        assertThat(aberdeen.area().lad()).isEqualTo("S12000033");
        assertThat(PostcodeLookupService.lookup(index, "IM1 1AA").status()).isEqualTo(GeographyStatus.NOT_ENGLAND);
    }

    @Test
    void readsTheAugust2025OnspdLayoutFromTheGzippedPostcodesIoSeed() {
        PostcodeIndex index = SampleIndex.load(SEED, "ONSPD-2025-08");
        assertThat(index.metadata().layout()).isEqualTo("ONSPD-2025-08");
        assertThat(index.size()).isEqualTo(8_048);
        LookupResult manchester = PostcodeLookupService.lookup(index, "M11 1AA");
        assertThat(manchester.status()).isEqualTo(GeographyStatus.OK);
        assertThat(manchester.area().lsoa()).isEqualTo("E01034113");
        assertThat(manchester.area().lsoaEdition()).isEqualTo("LSOA2021");
        assertThat(manchester.area().imdEdition()).isEqualTo("IoD2025");
        assertThat(manchester.area().imdDecile()).isBetween(1, 10);
        assertThat(manchester.area().lad()).isEqualTo("E08000003");
        assertThat(manchester.area().region()).isEqualTo("E12000002");
        assertThat(PostcodeLookupService.lookup(index, "SE1 9ZZ").status()).isEqualTo(GeographyStatus.TERMINATED);
        assertThat(PostcodeLookupService.lookup(index, "JE2 4WD").status()).isEqualTo(GeographyStatus.NOT_ENGLAND);
        assertThat(PostcodeLookupService.lookup(index, "AB1 0AA").status()).isIn(GeographyStatus.NOT_ENGLAND);
    }

    @Test
    void readsTheNspl2021LayoutAndCountsTheSampleExactly() {
        PostcodeIndex index = SampleIndex.nspl();
        assertThat(index.metadata().layout()).isEqualTo("NSPL-2021");
        assertThat(index.metadata().rowsRead()).isEqualTo(123_018);
        assertThat(index.size()).isEqualTo(123_018);
        assertThat(index.metadata().imdEditions()).containsExactly("IMD2019");
    }

    @Test
    void readsPlainAndGzipAlike() throws IOException {
        byte[] plain = SampleIndex.resource(FIXTURES + "onspd_nov2025_4rows.csv").readAllBytes();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(plain);
        }
        DirectoryLoader loader = new DirectoryLoader(SampleIndex.reference());
        PostcodeIndex fromPlain = loader.load(new ByteArrayInputStream(plain), "x");
        PostcodeIndex fromGzip = loader.load(new ByteArrayInputStream(gz.toByteArray()), "x");
        assertThat(fromGzip.size()).isEqualTo(fromPlain.size()).isEqualTo(4);
    }

    @Test
    void refusesAnUnknownLayoutNamingEachMissingColumn() {
        InputStream in = new ByteArrayInputStream("postcode,country,district\nSM3 8JD,E92000001,E09000029\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> new DirectoryLoader(SampleIndex.reference()).load(in, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown postcode directory layout")
                .hasMessageContaining("POSTCODE (one of pcds, pcd, pcd7")
                .hasMessageContaining("COUNTRY")
                .hasMessageContaining("LAD (one of laua, oslaua")
                .hasMessageContaining("LSOA");
    }

    @Test
    void mapsColumnsByNameNotPosition() {
        DirectoryLayout layout = DirectoryLayout.of(List.of("lsoa21cd", "rgn26cd", "ctry26cd", "lad26cd", "doterm", "pcds"));
        assertThat(layout.column(DirectoryLayout.Field.POSTCODE)).isEqualTo(5);
        assertThat(layout.column(DirectoryLayout.Field.LAD)).isEqualTo(3);
        assertThat(layout.has(DirectoryLayout.Field.LSOA11)).isFalse();
        assertThat(layout.column(DirectoryLayout.Field.LSOA21)).isZero();
    }

    @Test
    void takesTheEditionFromOnsFileNames() {
        assertThat(DirectoryLoader.editionFromFileName("NSPL_NOV_2021_UK.csv")).isEqualTo("NSPL-2021-11");
        assertThat(DirectoryLoader.editionFromFileName("ONSPD_AUG_2025_UK.csv.gz")).isEqualTo("ONSPD-2025-08");
        assertThat(DirectoryLoader.editionFromFileName("nspl_nov2021_uk_20areas.csv.gz")).isEqualTo("NSPL-2021-11");
        assertThat(DirectoryLoader.editionFromFileName("postcodes.csv")).isNull();
    }
}

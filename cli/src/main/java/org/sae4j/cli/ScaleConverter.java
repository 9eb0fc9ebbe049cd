package org.sae4j.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a scale factor as a decimal number ({@code 0.00392156862745098}) or a fraction ({@code 1/255}). */
final class ScaleConverter implements ITypeConverter<Double> {
    @Override
    public Double convert(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        double value;
        try {
            value = slash < 0 ? Double.parseDouble(s)
                    : Double.parseDouble(s.substring(0, slash)) / Double.parseDouble(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("expected a number or a fraction like 1/255, got '" + text + "'");
        }
        if (!Double.isFinite(value)) {
            throw new TypeConversionException("the scale must be a finite number, got '" + text + "'");
        }
        return value;
    }
}
